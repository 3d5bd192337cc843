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

/// ", n/a in 3 boots" when the invariant did not apply to some judged boots,
/// else "": what a rate or bound per invariant adds, so a reader knows those
/// boots are in neither its numerator nor its denominator.
std::string FormatNotApplicable(const InvariantTally& t);

}  // namespace bootstorm
