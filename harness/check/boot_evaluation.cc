#include "boot_evaluation.h"

#include <fmt/format.h>

#include <algorithm>

#include "boot_history.h"
#include "interrupted_part.h"

namespace bootstorm {

BootExpectation MakeExpectation(const Scenario& scenario, const RunNetwork& net,
                                const std::vector<std::string>& macs, const BootPlan& plan) {
  BootExpectation e;
  e.boot = plan.boot;
  e.agent_manages_network = AgentManagesNetwork(plan.activator);
  e.sut_is_cloud_init = plan.activator == Activator::kCloudInit;
  bool rendered = RendersConfigDrive(plan.activator);
  // Each fault family declares whether its kinds make the renderer path miss
  // (NM starts first, the local stage comes late, the config drive arrives
  // after NM): the network stage must activate then.
  e.renderer_path_missed = plan.HasFaultThat(&FaultKind::misses_renderer_path);
  // Activator none: NetworkManager's default connection takes a DHCP lease
  // and writes the lease's name server (the gateway) into resolv.conf.
  e.dns = rendered ? scenario.network.dns : DnsConfig{{net.gateway}, {}};
  // OpenStack's network_data.json has no search domains: cloud-init (22.4
  // and 25.1, sources/helpers/openstack.py) reads only the name servers of
  // its dns services. The config drive's dns_search is the agent's own
  // extension (scenarios/README.md, Invariants per SUT).
  if (e.sut_is_cloud_init) e.dns.search.clear();
  const std::vector<NicSpec>& nics = scenario.network.nics;
  for (std::size_t n = 0; n < nics.size(); ++n) {
    int nic = static_cast<int>(n);
    // What NetworkManager's default connection does: a DHCPv4 lease.
    NicSpec spec = rendered && nics[n].managed ? nics[n] : NicSpec{};
    ExpectedInterface i;
    i.mac = macs.at(n);
    i.ipv4 = {spec.ipv4 != AddressMode::kOff, "", net.Ipv4Cidr()};
    if (spec.ipv4 == AddressMode::kStatic)
      i.ipv4.static_cidr =
          fmt::format("{}/{}", VmStaticAddress(net, plan.vm, nic, nics.size()), net.prefix);
    i.ipv6 = {spec.ipv6 != AddressMode::kOff, "", net.Ipv6Cidr()};
    if (spec.ipv6 == AddressMode::kStatic)
      i.ipv6.static_cidr = VmStaticIpv6(net, plan.vm, nic) + "/64";
    e.interfaces.push_back(i);
  }
  return e;
}

std::vector<CheckResult> EvaluateBoot(const Scenario& scenario, const RunNetwork& net,
                                      const std::vector<std::string>& macs, const BootPlan& plan,
                                      const std::vector<Observation>& observations,
                                      const std::vector<HistoryEvent>& history) {
  BootExpectation expected = MakeExpectation(scenario, net, macs, plan);
  expected.interrupted_after_render =
      expected.agent_manages_network && InterruptedAfterRender(plan, observations);
  std::vector<Observation> recovery = RecoveryObservations(observations);
  LostEvents lost = LostHistoryEvents(history);
  std::vector<CheckResult> checks;
  for (const auto& checker : MakeCheckers(scenario.checks)) {
    CheckResult c = checker->CheckHistory(
        expected, checker->ChecksInterruptedPart() ? observations : recovery, history);
    // Jepsen: a failure seen is a failure, but a pass over a history with a
    // gap cannot exclude one in the gap.
    if (checker->ReadsHistory() && c.passed && lost.count > 0) {
      c.passed = false;
      c.unknown = true;
      c.message = fmt::format(
          "unknown: the observer dropped {} event(s) from {:.2f} s on, so the history is "
          "incomplete; what it holds passed",
          lost.count, lost.first_us / 1e6);
    }
    checks.push_back(std::move(c));
  }
  return checks;
}

std::vector<std::string> OrderingCycleLines(std::string_view console) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < console.size() && lines.size() < kMaxOrderingCycleLines) {
    std::size_t end = std::min(console.find('\n', start), console.size());
    std::string_view line = console.substr(start, end - start);
    if (line.find("Found ordering cycle") != std::string_view::npos ||
        line.find("to break ordering cycle") != std::string_view::npos) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      lines.emplace_back(line.substr(0, kMaxEvidenceLineBytes));
    }
    start = end + 1;
  }
  return lines;
}

std::string UnjudgeableBoot(const std::vector<Observation>& observations,
                            const std::vector<std::string>& console_cycles,
                            const std::vector<CheckResult>& checks) {
  auto verdict = [](std::string_view where, const std::vector<std::string>& lines) {
    return fmt::format(
        "systemd broke an ordering cycle in the guest ({}): \"{}\"{}; the plan's units did not "
        "all run, so no SUT verdict",
        where, lines.front(),
        lines.size() > 1 ? fmt::format(" and {} more line(s)", lines.size() - 1) : "");
  };
  if (!console_cycles.empty()) return verdict("serial console", console_cycles);
  for (const Observation& o : observations) {
    if (!o.ordering_cycles.empty())
      return verdict(fmt::format("journal at {}{}", o.checkpoint,
                                 o.part.empty() ? "" : ", " + o.part + " part"),
                     o.ordering_cycles);
  }
  if (std::any_of(checks.begin(), checks.end(), CheckFailed)) return "";
  std::string unknown;
  for (const CheckResult& c : checks)
    if (c.unknown) unknown += (unknown.empty() ? "" : ", ") + c.name;
  if (!unknown.empty())
    return fmt::format("{} unknown, no check failed: {}", unknown,
                       std::find_if(checks.begin(), checks.end(), [](const CheckResult& c) {
                         return c.unknown;
                       })->message);
  return "";
}

}  // namespace bootstorm
