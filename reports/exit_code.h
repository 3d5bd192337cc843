// The exit codes of every bootstorm command (docs/EXIT_CODES.md), and the
// one exception type that makes a command exit with kUsage.
#pragma once

#include <stdexcept>
#include <string>

namespace bootstorm {

enum class ExitCode {
  kPass = 0,        ///< the command did what was asked; every verdict met
  kSutFailure = 1,  ///< the system under test failed (or was not caught as expected)
  kUsage = 2,       ///< bad command line or bad input file; nothing was run
  kInfra = 3,       ///< infrastructure trouble or an interruption left no verdict
};

/// The process exit status of `code`.
constexpr int ToInt(ExitCode code) { return static_cast<int>(code); }

/// Bad input from the user: a flag, a scenario or suite file, a run folder.
/// Thrown only where input is validated; main() turns it into kUsage, and
/// every other exception into kInfra. Derives from std::invalid_argument so
/// that callers catching that keep working.
class BadInput : public std::invalid_argument {
 public:
  explicit BadInput(const std::string& what) : std::invalid_argument(what) {}
};

}  // namespace bootstorm
