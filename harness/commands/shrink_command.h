// `bootstorm shrink RUN_DIR --vm N`: removes faults from the plans of a VM
// that failed, by delta debugging (delta_debugging.h) over its (boot, fault)
// pairs, while the failure still reproduces (reproduction.h: the VM's first
// failing boot fails exactly the same invariants). Each trial is a replay
// (replay_command.h) of boots 1 to that boot, in a run folder of its own, so
// the smallest plan is stored where `bootstorm replay` finds it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "cancellation.h"
#include "exit_code.h"

namespace bootstorm {

struct ShrinkOptions {
  std::filesystem::path dir;  ///< the recorded run
  int vm = 0;
  std::filesystem::path out;  ///< trials go to <out>/trial-<k>
  std::optional<std::string> connect;
};

/// Prints the failure it keeps, one line per trial, then the smallest plan
/// and a one-line `bootstorm replay` command that reruns exactly that plan.
/// Returns 0 when done, 3 when a trial ended in an infra error (it counted as
/// not reproducing, so the result may not be minimal) or the shrink was
/// interrupted. Throws BadInput (exit 2) on bad input,
/// including a VM without a SUT failure.
ExitCode ShrinkCommand(const ShrinkOptions& options, Cancellation& cancellation);

}  // namespace bootstorm
