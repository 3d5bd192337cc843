// The exit codes of every bootstorm command (docs/EXIT_CODES.md); BadInput
// (bad_input.h) is what makes a command exit with kUsage.
#pragma once

#include "bad_input.h"

namespace bootstorm {

enum class ExitCode {
  kPass = 0,        ///< the command did what was asked; every verdict met
  kSutFailure = 1,  ///< the system under test failed (or was not caught as expected)
  kUsage = 2,       ///< bad command line or bad input file; nothing was run
  kInfra = 3,       ///< infrastructure trouble or an interruption left no verdict
};

/// The process exit status of `code`.
constexpr int ToInt(ExitCode code) { return static_cast<int>(code); }

}  // namespace bootstorm
