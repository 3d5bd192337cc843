// How sure a run makes us: the one-sided upper confidence bound on the
// probability that a boot fails, from the failures seen in a number of boots.
// Reports print it next to each pass rate so that "0 failures" carries how
// many boots it rests on.
#pragma once

#include <string>

namespace bootstorm {

/// The exact (Clopper-Pearson) one-sided upper bound, at `confidence`, on the
/// failure probability after `failures` failures in `trials` independent
/// trials: the p for which seeing at most `failures` has probability
/// 1 - confidence. 0 failures in n gives 1 - (1 - confidence)^(1/n), about
/// 3/n at 95%. Returns 1 when trials is 0. Requires 0 <= failures <= trials
/// and 0 < confidence < 1 (else std::invalid_argument).
double FailureUpperBound(int failures, int trials, double confidence = 0.95);

/// The bound as people read it: "< 1.5%" (rounded up to the shown digits, so
/// the printed figure is never below the bound), "< 100%" with no trials.
std::string FormatFailureUpperBound(double bound);

}  // namespace bootstorm
