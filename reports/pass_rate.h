// The figures reports print from a count of boots (run_statistics.h): the
// pass rate and how sure it makes us (failure_bound.h).
#pragma once

#include <string>

#include "run_statistics.h"

namespace bootstorm {

/// The share of judged boots that passed, rounded down to 0.1% (so a run
/// with a failure never reads 100%): "100%", "99.5%"; "n/a" without any.
std::string FormatPassRate(const BootTally& t);

/// "0 failures in 200 boots: < 1.5%": the SUT failures among judged boots
/// and the 95% upper bound on the probability that a boot fails.
std::string FormatFailureBound(const BootTally& t);

}  // namespace bootstorm
