#include "expectation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "run_statistics.h"

namespace bootstorm {

ExpectationStatus ExpectationStatusOf(Expect expect, const RunSummary& s, bool interrupted) {
  bool detect = expect == Expect::kDetect;
  // A SUT failure decides either way; otherwise infra errors or an
  // interruption leave it open.
  if (s.sut_failure > 0) return detect ? ExpectationStatus::kMet : ExpectationStatus::kNotMet;
  if (s.infra_error > 0 || interrupted) return ExpectationStatus::kUndecided;
  return detect ? ExpectationStatus::kNotMet : ExpectationStatus::kMet;
}

ExitCode ExitCodeOf(ExpectationStatus status) {
  switch (status) {
    case ExpectationStatus::kMet:
      return ExitCode::kPass;
    case ExpectationStatus::kNotMet:
      return ExitCode::kSutFailure;
    case ExpectationStatus::kUndecided:
      break;
  }
  return ExitCode::kInfra;
}

ExitCode ExitCodeOf(const RunRecord& run) { return ExitCodeOf(JudgeExpectation(run).status); }

ExpectationVerdict JudgeExpectation(const RunRecord& run) {
  RunSummary s = Summarize(run);
  return {run.expect == Expect::kDetect, ExpectationStatusOf(run.expect, s, run.interrupted),
          FailedInvariants(run), s};
}

std::string ExpectationNote(const RunRecord& run) {
  if (run.expect == Expect::kPass) return "";
  ExpectationVerdict v = JudgeExpectation(run);
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

std::string DescribeExpectation(const ExpectationVerdict& v) {
  int vms = v.vms.pass + v.vms.sut_failure + v.vms.infra_error;
  std::string caught = fmt::format("{}", fmt::join(v.caught_by, ", "));
  if (v.detect) {
    switch (v.status) {
      case ExpectationStatus::kMet:
        return fmt::format("expectation met: known-bad activator caught by {} in {}/{} VMs", caught,
                           v.vms.sut_failure, vms);
      case ExpectationStatus::kNotMet:
        return fmt::format("expectation NOT met: known-bad activator not caught, {}/{} VMs passed",
                           v.vms.pass, vms);
      case ExpectationStatus::kUndecided:
        break;
    }
    return fmt::format(
        "expectation undecided: known-bad activator not caught, infra errors in {}/{} VMs",
        v.vms.infra_error, vms);
  }
  switch (v.status) {
    case ExpectationStatus::kMet:
      return fmt::format("expectation met: {}/{} VMs passed", v.vms.pass, vms);
    case ExpectationStatus::kNotMet:
      return fmt::format("expectation NOT met: SUT failures in {}/{} VMs ({})", v.vms.sut_failure,
                         vms, caught);
    case ExpectationStatus::kUndecided:
      break;
  }
  return fmt::format("expectation undecided: no SUT failure, infra errors in {}/{} VMs",
                     v.vms.infra_error, vms);
}

}  // namespace bootstorm
