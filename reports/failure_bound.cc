#include "failure_bound.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace bootstorm {
namespace {

// P(X <= failures) for X ~ Binomial(trials, p), summed in log space so that
// large trial counts do not overflow.
double BinomialCdf(int failures, int trials, double p) {
  if (p <= 0) return 1;
  if (p >= 1) return failures >= trials ? 1 : 0;
  double sum = 0;
  for (int k = 0; k <= failures; ++k) {
    double log_term = std::lgamma(trials + 1.0) - std::lgamma(k + 1.0) -
                      std::lgamma(trials - k + 1.0) + k * std::log(p) +
                      (trials - k) * std::log1p(-p);
    sum += std::exp(log_term);
  }
  return sum;
}

}  // namespace

double FailureUpperBound(int failures, int trials, double confidence) {
  if (failures < 0 || trials < 0 || failures > trials || !(confidence > 0 && confidence < 1))
    throw std::invalid_argument(fmt::format(
        "FailureUpperBound: need 0 <= failures <= trials and 0 < confidence < 1, got {}/{} at {}",
        failures, trials, confidence));
  if (trials == 0 || failures == trials) return 1;
  double alpha = 1 - confidence;
  if (failures == 0) return 1 - std::pow(alpha, 1.0 / trials);
  // The CDF falls as p grows: bisect for CDF(p) == alpha.
  double low = 0, high = 1;
  for (int i = 0; i < 100; ++i) {
    double mid = (low + high) / 2;
    (BinomialCdf(failures, trials, mid) > alpha ? low : high) = mid;
  }
  return high;
}

std::string FormatFailureUpperBound(double bound) {
  double percent = bound * 100;
  // Two significant digits below 10%, whole percent above; always rounded up.
  if (percent >= 10) return fmt::format("< {:.0f}%", std::ceil(percent - 1e-9));
  if (percent >= 1) return fmt::format("< {:.1f}%", std::ceil(percent * 10 - 1e-9) / 10);
  return fmt::format("< {:.2f}%", std::ceil(percent * 100 - 1e-9) / 100);
}

}  // namespace bootstorm
