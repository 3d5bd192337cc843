// `bootstorm run --resume RUN_DIR`: continues a run that was killed or
// interrupted, from run.json and boots.jsonl in its folder, without running
// again any boot it recorded.
#pragma once

#include <filesystem>
#include <optional>

#include "cancellation.h"
#include "exit_code.h"

namespace bootstorm {

struct ResumeOptions {
  std::filesystem::path dir;         ///< the run folder
  int jobs = 0;                      ///< VMs at once; 0: derived from CPUs and memory
  int timeout_seconds = 0;           ///< limit of this session; 0: none
  std::optional<int> infra_retries;  ///< default: the run's
};

/// Continues the run in `options.dir`; returns the exit code of the whole
/// run as `bootstorm run` does. Throws BadInput (exit 2) when
/// run.json is missing or invalid, boots.jsonl is malformed, the run is still
/// alive, or the guest image changed. When every boot is recorded already it
/// only writes results.json again.
ExitCode ResumeRunCommand(const ResumeOptions& options, Cancellation& cancellation);

}  // namespace bootstorm
