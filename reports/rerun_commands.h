// The one-line commands that rerun a recorded failure, as reports and
// `bootstorm shrink` print them. Pure.
#pragma once

#include <filesystem>
#include <string>

namespace bootstorm {

/// A shell word for `s`: as it is when it needs no quoting, else in single
/// quotes.
std::string ShellWord(const std::string& s);

/// "bootstorm replay RUN_DIR --vm N --boot K": reruns VM `vm`'s stored plans
/// of boots 1 to `boot` (see harness/commands/replay_command.h).
std::string ReplayCommandLine(const std::filesystem::path& run_dir, int vm, int boot);

/// "bootstorm shrink RUN_DIR --vm N": cuts the faults of VM `vm`'s plans down
/// while its first failure reproduces (see harness/commands/shrink_command.h).
std::string ShrinkCommandLine(const std::filesystem::path& run_dir, int vm);

}  // namespace bootstorm
