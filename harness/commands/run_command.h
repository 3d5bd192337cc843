// `bootstorm run`: load the scenario, place its VMs on the hosts by weight,
// set up each host's network and volumes, run every VM (several at once per
// host), tear everything down, write results.json and print a summary.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cancellation.h"
#include "connect_option.h"
#include "recorded_run.h"
#include "run_manifest.h"
#include "scenario.h"

namespace bootstorm {

struct RunOptions {
  std::filesystem::path scenario;
  std::filesystem::path out;        ///< empty: bootstorm-runs/<scenario>-<run id>
  std::vector<HostSpec> hosts;      ///< at least one; VMs are spread over them by weight
  std::filesystem::path image_dir;  ///< base.qcow2, vmlinuz, initrd.img
  int jobs = 0;             ///< VMs at once over all hosts; 0: per host from its CPUs and memory
  std::string activator;    ///< overrides the scenario's activator when set
  int timeout_seconds = 0;  ///< whole-run limit; 0: none
  int infra_retries = 2;    ///< further attempts of a boot after an infra error
};

/// Runs a scenario; returns its ExitCodeOf (record/expectation.h) (bad input throws
/// BadInput). Honours `cancellation` (set by signals).
ExitCode RunScenarioCommand(const RunOptions& options, Cancellation& cancellation);

/// The scenario of a run: `text` parsed (errors name `source`), checked for
/// what the harness supports, with the `activator` override ("" for none)
/// applied. Throws ScenarioError or BadInput.
Scenario ScenarioForRun(std::string_view text, const std::filesystem::path& source,
                        const std::string& activator);

/// ScenarioForRun for a run on image `image_dir`: `activator` (the
/// override asked for, "" for none) becomes the one ActivatorForImage gives,
/// which the run's manifest records. Throws BadInput when the scenario or the
/// override does not fit the image's system under test.
Scenario ScenarioForImage(std::string_view text, const std::filesystem::path& source,
                          std::string& activator, const std::filesystem::path& image_dir);

/// The manifest of a new run of `scenario_text` (from `scenario_file`): a
/// fresh run id, the start time, and the guest image in `image_dir` with its
/// key. Throws BadInput when the image is incomplete.
RunManifest NewRunManifest(std::string scenario_text, const std::filesystem::path& scenario_file,
                           const std::string& activator, const std::vector<HostSpec>& hosts,
                           const std::filesystem::path& image_dir, int infra_retries);

/// Where a run goes without --out: bootstorm-runs/<scenario>-<run id>.
std::filesystem::path DefaultRunDir(const std::string& scenario_name, const std::string& run_id);

/// One session of a run: the first one, or one that --resume starts.
struct RunSession {
  RunManifest manifest;  ///< written to run.json once every host's network exists
  Scenario scenario;
  std::filesystem::path dir;       ///< the run folder
  std::vector<PendingVm> pending;  ///< VMs to run, each from its first unrecorded boot
  bool resumed = false;            ///< each host's network must get its manifest's slot
  double seconds_before = 0;       ///< run time of the earlier sessions
  int jobs = 0;                    ///< as RunOptions::jobs
  int timeout_seconds = 0;
  std::FILE* out = stdout;  ///< progress and summary (a shrink trial writes them to a file)
};

/// Runs a session: holds the run's lock, runs the pending VMs (when there are
/// any) on the hosts the manifest's weights place them on, with the run's
/// image and each host's network and volumes, removes them, writes
/// results.json from every recorded boot and prints a summary. Hosts without
/// pending VMs are not contacted. Runs the manifest's explicit plans when it
/// has any (BadInput when they do not fit the scenario).
/// Returns the exit code as RunScenarioCommand.
ExitCode RunSessionCommand(RunSession session, Cancellation& cancellation);

/// VMs to run at once when --jobs is not given: one per CPU, fewer when the
/// available memory would not hold them; at least one.
int JobsFor(long cpus, long long available_mib, int memory_mib_per_vm);

}  // namespace bootstorm
