// A run's boots counted by verdict, and the figures reports print from the
// count: the pass rate and how sure it makes us (failure_bound.h).
#pragma once

#include <string>

#include "run_record.h"

namespace bootstorm {

struct BootOutcomes {
  int pass = 0;
  int sut_failure = 0;
  int infra_error = 0;
  /// Boots with a verdict on the system under test (infra errors have none).
  int Decided() const { return pass + sut_failure; }
  int Total() const { return Decided() + infra_error; }
  bool operator==(const BootOutcomes&) const = default;
};

/// Every recorded boot of every VM of `run`, by outcome.
BootOutcomes CountBootOutcomes(const RunRecord& run);

/// The share of decided boots that passed, rounded down to 0.1% (so a run
/// with a failure never reads 100%): "100%", "99.5%"; "n/a" without any.
std::string FormatPassRate(const BootOutcomes& t);

/// "0 failures in 200 boots: < 1.5%": the SUT failures among decided boots
/// and the 95% upper bound on the probability that a boot fails.
std::string FormatFailureBound(const BootOutcomes& t);

}  // namespace bootstorm
