#include "run_verdict.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "run_statistics.h"

namespace bootstorm {

ExitCode ExitCodeForExpectation(Expect expect, const RunSummary& summary, bool interrupted) {
  bool undecided = interrupted || summary.infra_error > 0;
  if (expect == Expect::kPass) {
    if (summary.sut_failure > 0) return ExitCode::kSutFailure;
    return undecided ? ExitCode::kInfra : ExitCode::kPass;
  }
  if (summary.sut_failure > 0) return ExitCode::kPass;
  return undecided ? ExitCode::kInfra : ExitCode::kSutFailure;
}

ExitCode ExitCodeOf(const RunRecord& run) {
  return ExitCodeForExpectation(run.expect == "detect" ? Expect::kDetect : Expect::kPass,
                                Summarize(run), run.interrupted);
}

std::string ExpectationNote(Expect expect, const RunRecord& run) {
  if (expect == Expect::kPass) return "";
  RunSummary s = Summarize(run);
  if (s.sut_failure > 0)
    return fmt::format("expected a detection: caught by {}",
                       fmt::join(FailedInvariants(run), ", "));
  if (s.infra_error > 0) return "expected a detection: undecided, infra errors hid VMs";
  return "expected a detection: NOT caught, every VM passed";
}

}  // namespace bootstorm
