// `bootstorm replay RUN_DIR --vm N [--boot K]`: reruns exactly the stored
// plans of one VM of a recorded run, as VM 0 of a new run with the recorded
// scenario, activator and guest image, and says whether the outcome
// reproduced (see reproduction.h). Also the building block of `shrink`,
// whose trials are replays of fewer faults.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cancellation.h"
#include "connect_option.h"
#include "exit_code.h"
#include "run_manifest.h"
#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// One VM of a recorded run, as a replay starts from it.
struct RecordedVm {
  std::filesystem::path dir;  ///< the run folder
  RunManifest manifest;
  Scenario scenario;
  int vm = 0;
  std::vector<BootRecord> boots;  ///< its recorded boots 1..last_boot, in order
  std::string uri;                ///< of the host it ran on
};

/// Reads VM `vm` of the run in `dir`, with its boots up to `last_boot`
/// (default: all it recorded). Throws BadInput (exit 2) when
/// run.json or boots.jsonl is missing or invalid, the run has no VM `vm`,
/// `last_boot` is not recorded (RecordedBootsOf), or the guest image is not
/// the one the run booted (as `run --resume`).
RecordedVm LoadRecordedVm(const std::filesystem::path& dir, int vm,
                          std::optional<int> last_boot = std::nullopt);

/// Runs `plans` (boots 1..n, e.g. of `source`'s VM, possibly with fewer
/// faults) as VM 0 of a new one-VM run on `host`, in `out` (default
/// bootstorm-runs/<scenario>-replay-<run id>), with `source`'s scenario,
/// activator, guest image and retries. The run's own output (progress, its
/// summary) goes to `log`. Returns the run folder and the boots it recorded
/// (fewer than the plans after an infra error or an interruption).
struct ReplayRun {
  std::filesystem::path dir;
  std::vector<BootRecord> boots;
};
ReplayRun RunReplay(const RecordedVm& source, const std::vector<BootPlan>& plans,
                    const HostSpec& host, const std::filesystem::path& out, std::FILE* log,
                    Cancellation& cancellation);

/// The host a replay runs on: `connect` when given (a --connect value),
/// else the one the recorded VM ran on.
HostSpec ReplayHost(const RecordedVm& source, const std::optional<std::string>& connect);

struct ReplayOptions {
  std::filesystem::path dir;  ///< the recorded run
  int vm = 0;
  std::optional<int> boot;  ///< the last boot to rerun; default: every recorded one
  std::filesystem::path out;
  std::optional<std::string> connect;
};

/// `bootstorm replay`: prints the run's usual output, then per boot the
/// recorded and the new behaviour, then "reproduced", "not reproduced" or
/// "unknown". Returns 0 reproduced, 1 not reproduced, 3 unknown (an infra
/// error); throws BadInput on bad input (exit 2).
ExitCode ReplayCommand(const ReplayOptions& options, Cancellation& cancellation);

}  // namespace bootstorm
