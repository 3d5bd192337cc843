// The one exception type for bad input from the user: a flag, a scenario or
// suite file, a run folder and the files in it. The CLI turns it into exit
// code 2 (record/exit_code.h), every other exception into 3.
#pragma once

#include <stdexcept>
#include <string>

namespace bootstorm {

/// Thrown only where input is validated. Derives from std::invalid_argument
/// so that callers catching that keep working.
class BadInput : public std::invalid_argument {
 public:
  explicit BadInput(const std::string& what) : std::invalid_argument(what) {}
};

}  // namespace bootstorm
