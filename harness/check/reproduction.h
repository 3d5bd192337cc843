// Whether a rerun showed the same behaviour as the recorded run: for
// `replay` boot by boot, for `shrink` the failure it keeps. Pure.
//
// A boot's behaviour is its outcome class and, for a SUT failure, the set of
// invariants that failed (by name; where and how they failed may differ).
// An infra error in the rerun says nothing about the system under test, so it
// makes the answer unknown, never "not reproduced".
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "run_record.h"

namespace bootstorm {

/// A boot's outcome class and, for a SUT failure, its failed invariants.
struct BootBehaviour {
  Outcome outcome = Outcome::kInfraError;
  std::set<std::string> failed;  ///< empty unless a SUT failure
  bool operator==(const BootBehaviour&) const = default;
};

BootBehaviour BehaviourOf(const BootRecord& boot);
/// "pass", "infra_error" or "sut_failure (resolv-conf-intact, nm-dns-none)".
std::string FormatBehaviour(const BootBehaviour& b);

enum class Reproduction { kReproduced, kNotReproduced, kUnknown };
/// "reproduced", "not reproduced", "unknown".
std::string_view ReproductionName(Reproduction r);

struct BootComparison {
  int boot = 0;
  BootBehaviour original;
  std::optional<BootBehaviour> replayed;  ///< nullopt: the replay did not record it
};

struct ReplayComparison {
  Reproduction result = Reproduction::kUnknown;
  std::vector<BootComparison> boots;  ///< every original boot, in order
  std::string why;                    ///< one line; names the deciding boot
};

/// Compares a replay with the boots it reran, boot by boot in order. The
/// first boot whose replay was not recorded or is an infra error makes the
/// result unknown; before that, the first boot whose behaviour differs makes
/// it not reproduced. Reproduced when every boot behaved the same.
ReplayComparison CompareReplay(const std::vector<BootRecord>& original,
                               const std::vector<BootRecord>& replayed);

/// What shrink keeps failing: boot `boot`, the VM's first SUT failure,
/// failing exactly `invariants`.
struct FailureSignature {
  int boot = 0;
  std::set<std::string> invariants;
  bool operator==(const FailureSignature&) const = default;
};

/// The first SUT failure among `boots`; nullopt when none failed.
std::optional<FailureSignature> FirstFailure(const std::vector<BootRecord>& boots);

/// Whether `trial` (boots 1..signature.boot of a rerun) shows the failure:
/// reproduced when its boot `signature.boot` is a SUT failure of exactly the
/// same invariants; unknown when that boot or an earlier one ended in an
/// infra error or was not recorded; otherwise not reproduced. How earlier
/// boots passed or failed does not matter.
Reproduction ShowsFailure(const FailureSignature& signature, const std::vector<BootRecord>& trial);

}  // namespace bootstorm
