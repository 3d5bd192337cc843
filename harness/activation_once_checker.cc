#include "activation_once_checker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

#include "scenario.h"

namespace bootstorm {
namespace {

std::string Describe(const NmReload& r) {
  return fmt::format("NM {} at {:.1f} s by {}", r.action, static_cast<double>(r.monotonic_us) / 1e6,
                     r.requested_by.empty() ? "no agent stage" : r.requested_by);
}

// Whether an nm-kill or nm-restart the guest injected was under way at `r`.
bool CausedByFault(const NmReload& r, const std::vector<FaultEvent>& faults) {
  return std::any_of(faults.begin(), faults.end(), [&](const FaultEvent& f) {
    return (f.kind == kFaultNmKill || f.kind == kFaultNmRestart) && f.begin_us <= r.monotonic_us &&
           r.monotonic_us <= f.end_us;
  });
}

std::vector<std::string> Problems(const BootExpectation& expected, const std::vector<NmReload>& all,
                                  const std::vector<FaultEvent>& faults) {
  std::vector<NmReload> reloads;
  std::copy_if(all.begin(), all.end(), std::back_inserter(reloads),
               [&](const NmReload& r) { return !CausedByFault(r, faults); });
  std::vector<std::string> problems;
  for (const NmReload& r : reloads) {
    if (!expected.agent_manages_network)
      problems.push_back(Describe(r) + ", although the agent does not manage the network");
    else if (r.requested_by != kUnitNetwork)
      problems.push_back(Describe(r) + ": only the network stage may");
    else if (!expected.renderer_path_missed)
      problems.push_back(Describe(r) + " on the renderer path (NM read the files at its start)");
  }
  if (reloads.size() > 1)
    problems.push_back(
        fmt::format("{} reloads or restarts in one boot, at most 1", reloads.size()));
  return problems;
}

}  // namespace

std::string_view ActivationOnceChecker::name() const { return kCheckActivationOnce; }

CheckResult ActivationOnceChecker::Check(const BootExpectation& expected,
                                         const std::vector<Observation>& observations) const {
  bool may_activate = expected.agent_manages_network && expected.renderer_path_missed;
  CheckResult result{std::string(name()),
                     true,
                     "",
                     {{"at_most", may_activate ? 1 : 0}, {"requested_by", kUnitNetwork}},
                     nlohmann::json::array(),
                     ""};
  if (observations.empty()) {
    result.passed = false;
    result.message = "no observation";
    return result;
  }
  // Each observation carries the boot's reloads so far: the last has them all.
  const Observation& last = observations.back();
  for (const NmReload& r : last.nm_reloads) result.actual.push_back(ToJson(r));
  std::vector<std::string> problems = Problems(expected, last.nm_reloads, last.faults);
  if (!problems.empty()) {
    result.passed = false;
    result.checkpoint = last.checkpoint;
    result.message = fmt::format("{}", fmt::join(problems, "; "));
  }
  return result;
}

}  // namespace bootstorm
