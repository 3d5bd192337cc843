#include "failure_bound.h"

#include <fmt/format.h>

#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <stdexcept>

namespace bootstorm {

double FailureUpperBound(int failures, int trials, double confidence) {
  if (failures < 0 || trials < 0 || failures > trials || !(confidence > 0 && confidence < 1))
    throw std::invalid_argument(fmt::format(
        "FailureUpperBound: need 0 <= failures <= trials and 0 < confidence < 1, got {}/{} at {}",
        failures, trials, confidence));
  if (trials == 0 || failures == trials) return 1;
  // Boost's exact Clopper-Pearson interval; the one-sided bound takes all
  // of alpha on one side.
  return boost::math::binomial_distribution<>::find_upper_bound_on_p(
      trials, failures, 1 - confidence,
      boost::math::binomial_distribution<>::clopper_pearson_exact_interval);
}

std::string FormatFailureUpperBound(double bound) {
  double percent = bound * 100;
  // Two significant digits below 10%, whole percent above; always rounded up.
  if (percent >= 10) return fmt::format("< {:.0f}%", std::ceil(percent - 1e-9));
  if (percent >= 1) return fmt::format("< {:.1f}%", std::ceil(percent * 10 - 1e-9) / 10);
  return fmt::format("< {:.2f}%", std::ceil(percent * 100 - 1e-9) / 100);
}

}  // namespace bootstorm
