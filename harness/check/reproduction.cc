#include "reproduction.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bootstorm {
namespace {

/// The boot numbered `boot` in `boots`, or nullptr.
const BootRecord* FindBoot(const std::vector<BootRecord>& boots, int boot) {
  for (const BootRecord& b : boots) {
    if (b.boot == boot) return &b;
  }
  return nullptr;
}

}  // namespace

BootBehaviour BehaviourOf(const BootRecord& boot) {
  BootBehaviour b;
  b.outcome = boot.outcome;
  if (boot.outcome != Outcome::kSutFailure) return b;
  for (const CheckResult& c : boot.checks) {
    if (CheckFailed(c)) b.failed.insert(c.name);
  }
  return b;
}

std::string FormatBehaviour(const BootBehaviour& b) {
  std::string name(OutcomeName(b.outcome));
  return b.failed.empty() ? name : fmt::format("{} ({})", name, fmt::join(b.failed, ", "));
}

std::string_view ReproductionName(Reproduction r) {
  switch (r) {
    case Reproduction::kReproduced:
      return "reproduced";
    case Reproduction::kNotReproduced:
      return "not reproduced";
    case Reproduction::kUnknown:
      break;
  }
  return "unknown";
}

ReplayComparison CompareReplay(const std::vector<BootRecord>& original,
                               const std::vector<BootRecord>& replayed) {
  ReplayComparison c;
  for (const BootRecord& o : original) {
    BootComparison& b = c.boots.emplace_back();
    b.boot = o.boot;
    b.original = BehaviourOf(o);
    if (const BootRecord* r = FindBoot(replayed, o.boot)) b.replayed = BehaviourOf(*r);
  }
  for (const BootComparison& b : c.boots) {
    if (!b.replayed || b.replayed->outcome == Outcome::kInfraError) {
      c.result = Reproduction::kUnknown;
      c.why = b.replayed ? fmt::format("boot {} of the replay ended in an infra error", b.boot)
                         : fmt::format("boot {} of the replay did not run", b.boot);
      return c;
    }
    if (*b.replayed != b.original) {
      c.result = Reproduction::kNotReproduced;
      c.why = fmt::format("boot {}: {} instead of {}", b.boot, FormatBehaviour(*b.replayed),
                          FormatBehaviour(b.original));
      return c;
    }
  }
  c.result = Reproduction::kReproduced;
  c.why = fmt::format("all {} boots behaved as recorded", c.boots.size());
  return c;
}

std::optional<FailureSignature> FirstFailure(const std::vector<BootRecord>& boots) {
  for (const BootRecord& b : boots) {
    if (b.outcome == Outcome::kSutFailure) return FailureSignature{b.boot, BehaviourOf(b).failed};
  }
  return std::nullopt;
}

Reproduction ShowsFailure(const FailureSignature& signature, const std::vector<BootRecord>& trial) {
  for (int boot = 1; boot <= signature.boot; ++boot) {
    const BootRecord* b = FindBoot(trial, boot);
    if (!b || b->outcome == Outcome::kInfraError) return Reproduction::kUnknown;
  }
  BootBehaviour last = BehaviourOf(*FindBoot(trial, signature.boot));
  return last.outcome == Outcome::kSutFailure && last.failed == signature.invariants
             ? Reproduction::kReproduced
             : Reproduction::kNotReproduced;
}

}  // namespace bootstorm
