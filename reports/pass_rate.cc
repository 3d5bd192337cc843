#include "pass_rate.h"

#include <fmt/format.h>

#include <cmath>

#include "failure_bound.h"

namespace bootstorm {

std::string FormatPassRate(const BootTally& t) {
  if (t.judged() == 0) return "n/a";
  if (t.sut_failures == 0) return "100%";
  double tenths = std::floor(1000.0 * t.passed / t.judged()) / 10;
  return fmt::format("{:.1f}%", tenths);
}

std::string FormatFailureBound(const BootTally& t) {
  return fmt::format("{} failure{} in {} boot{}: {}", t.sut_failures,
                     t.sut_failures == 1 ? "" : "s", t.judged(), t.judged() == 1 ? "" : "s",
                     FormatFailureUpperBound(FailureUpperBound(t.sut_failures, t.judged())));
}

std::string FormatNotApplicable(const InvariantTally& t) {
  if (t.not_applicable == 0) return "";
  return fmt::format(", n/a in {} boot{}", t.not_applicable, t.not_applicable == 1 ? "" : "s");
}

}  // namespace bootstorm
