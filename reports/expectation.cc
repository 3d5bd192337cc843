#include "expectation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "run_statistics.h"

namespace bootstorm {

ExpectationStatus ExpectationStatusOf(bool detect, const RunSummary& s) {
  if (detect) {
    if (s.sut_failure > 0) return ExpectationStatus::kMet;
    return s.infra_error > 0 ? ExpectationStatus::kUndecided : ExpectationStatus::kNotMet;
  }
  if (s.sut_failure > 0) return ExpectationStatus::kNotMet;
  return s.infra_error > 0 ? ExpectationStatus::kUndecided : ExpectationStatus::kMet;
}

int ExitCodeOf(ExpectationStatus status) {
  switch (status) {
    case ExpectationStatus::kMet:
      return 0;
    case ExpectationStatus::kNotMet:
      return 1;
    case ExpectationStatus::kUndecided:
      break;
  }
  return 3;
}

ExpectationVerdict JudgeExpectation(const RunRecord& run, bool detect) {
  RunSummary s = Summarize(run);
  return {detect, ExpectationStatusOf(detect, s), FailedInvariants(run), s};
}

ExpectationVerdict JudgeExpectation(const RunRecord& run) {
  return JudgeExpectation(run, run.expect == kExpectDetect);
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
