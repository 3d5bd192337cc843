#include "run_verdict.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "run_statistics.h"

namespace bootstorm {

int ExitCodeForExpectation(Expect expect, const RunSummary& summary) {
  if (expect == Expect::kPass) return ExitCodeFor(summary);
  if (summary.sut_failure > 0) return 0;
  return summary.infra_error > 0 ? 3 : 1;
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
