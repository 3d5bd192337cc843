#include "pass_rate.h"

#include <fmt/format.h>

#include <cmath>

#include "failure_bound.h"

namespace bootstorm {

BootOutcomes CountBootOutcomes(const RunRecord& run) {
  BootOutcomes t;
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& b : vm.boots) {
      switch (b.outcome) {
        case Outcome::kPass:
          ++t.pass;
          break;
        case Outcome::kSutFailure:
          ++t.sut_failure;
          break;
        case Outcome::kInfraError:
          ++t.infra_error;
          break;
      }
    }
  }
  return t;
}

std::string FormatPassRate(const BootOutcomes& t) {
  if (t.Decided() == 0) return "n/a";
  if (t.sut_failure == 0) return "100%";
  double tenths = std::floor(1000.0 * t.pass / t.Decided()) / 10;
  return fmt::format("{:.1f}%", tenths);
}

std::string FormatFailureBound(const BootOutcomes& t) {
  return fmt::format("{} failure{} in {} boot{}: {}", t.sut_failure, t.sut_failure == 1 ? "" : "s",
                     t.Decided(), t.Decided() == 1 ? "" : "s",
                     FormatFailureUpperBound(FailureUpperBound(t.sut_failure, t.Decided())));
}

}  // namespace bootstorm
