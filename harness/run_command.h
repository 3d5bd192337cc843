// `bootstorm run`: load the scenario, place its VMs on the hosts by weight,
// set up each host's network and volumes, run every VM (several at once per
// host), tear everything down, write results.json and print a summary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cancellation.h"
#include "connect_option.h"

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

/// Runs a scenario; returns the exit code (0 pass, 1 SUT failures, 2 bad
/// input, 3 infra errors only). Honours `cancellation` (set by signals).
int RunScenarioCommand(const RunOptions& options, Cancellation& cancellation);

/// VMs to run at once when --jobs is not given: one per CPU, fewer when the
/// available memory would not hold them; at least one.
int JobsFor(long cpus, long long available_mib, int memory_mib_per_vm);

}  // namespace bootstorm
