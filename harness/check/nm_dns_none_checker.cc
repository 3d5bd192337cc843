#include "nm_dns_none_checker.h"

#include <fmt/format.h>

#include "scenario.h"

namespace bootstorm {
namespace {

constexpr std::string_view kModeNone = "none";

bool AfterFinal(const Observation& o) {
  return o.checkpoint == kCheckpointFinal || o.checkpoint == kCheckpointAfterDnsEvent;
}

bool ModeOk(const BootExpectation& expected, const std::string& mode) {
  if (expected.agent_manages_network) return mode == kModeNone;
  return !mode.empty() && mode != kModeNone;
}

std::string Problem(const BootExpectation& expected, const Observation& o) {
  if (o.nm_dns_mode.empty())
    return fmt::format("at {}: NetworkManager's DNS mode is unknown (not on D-Bus)", o.checkpoint);
  if (expected.agent_manages_network)
    return fmt::format(
        "at {}: NetworkManager's DNS mode is \"{}\", not \"none\": it did not load dns=none and "
        "still owns resolv.conf",
        o.checkpoint, o.nm_dns_mode);
  return fmt::format(
      "at {}: NetworkManager's DNS mode is \"none\" although the agent does not manage DNS",
      o.checkpoint);
}

}  // namespace

std::string_view NmDnsNoneChecker::name() const { return kCheckNmDnsNone; }

CheckResult NmDnsNoneChecker::Check(const BootExpectation& expected,
                                    const std::vector<Observation>& observations) const {
  if (expected.sut_is_cloud_init)
    return NotApplicable(name(),
                         "dns=none is the reference agent's design; cloud-init leaves DNS to "
                         "NetworkManager, whose resolv.conf resolv-conf-intact checks");
  CheckResult result{std::string(name()),
                     true,
                     "",
                     expected.agent_manages_network ? "none" : "not none (NetworkManager owns DNS)",
                     nullptr,
                     ""};
  bool saw_final = false;
  for (const Observation& o : observations) {
    // Empty at after-network: not exported yet, which says nothing either way.
    bool after_network = o.checkpoint == kCheckpointAfterNetwork &&
                         expected.agent_manages_network && !o.nm_dns_mode.empty();
    if (!AfterFinal(o) && !after_network) continue;
    saw_final |= o.checkpoint == kCheckpointFinal;
    result.actual = o.nm_dns_mode;
    if (!ModeOk(expected, o.nm_dns_mode)) {
      result.passed = false;
      result.checkpoint = o.checkpoint;
      result.message = Problem(expected, o);
      return result;
    }
  }
  if (!saw_final) {
    result.passed = false;
    result.checkpoint = std::string(kCheckpointFinal);
    result.message = "no observation at final";
  }
  return result;
}

}  // namespace bootstorm
