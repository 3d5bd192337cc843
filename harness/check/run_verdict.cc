#include "run_verdict.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "expectation.h"

namespace bootstorm {

ExitCode ExitCodeForExpectation(Expect expect, const RunSummary& summary, bool interrupted) {
  return ExitCodeOf(ExpectationStatusOf(expect == Expect::kDetect, summary, interrupted));
}

std::string ExpectationNote(Expect expect, const RunRecord& run) {
  if (expect == Expect::kPass) return "";
  ExpectationVerdict v = JudgeExpectation(run, true);
  switch (v.status) {
    case ExpectationStatus::kMet:
      return fmt::format("expected a detection: caught by {}", fmt::join(v.caught_by, ", "));
    case ExpectationStatus::kUndecided:
      return "expected a detection: undecided, infra errors hid VMs";
    case ExpectationStatus::kNotMet:
      break;
  }
  return "expected a detection: NOT caught, every VM passed";
}

}  // namespace bootstorm
