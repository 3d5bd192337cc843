#include "run_verdict.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace bootstorm {
namespace {

// Names of the failed invariants over all boots, in order of first failure.
std::vector<std::string> FailedInvariants(const RunRecord& run) {
  std::vector<std::string> names;
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& boot : vm.boots) {
      for (const CheckResult& c : boot.checks) {
        if (!c.passed && std::find(names.begin(), names.end(), c.name) == names.end())
          names.push_back(c.name);
      }
    }
  }
  return names;
}

}  // namespace

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
