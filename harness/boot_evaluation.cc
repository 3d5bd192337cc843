#include "boot_evaluation.h"

#include <fmt/format.h>

#include "interrupted_boot.h"

namespace bootstorm {

BootExpectation MakeExpectation(const Scenario& scenario, const RunNetwork& net,
                                const std::vector<std::string>& macs, const BootPlan& plan) {
  BootExpectation e;
  e.boot = plan.boot;
  e.agent_manages_network = AgentManagesNetwork(plan.activator);
  // The renderer path misses when NM starts first, the local stage comes
  // late, or the config drive arrives after NM (late-config): the network
  // stage must activate then.
  e.renderer_path_missed = plan.HasFault(kFaultNmBeforeLocal) ||
                           plan.HasFault(kFaultLocalAfterOnline) || plan.HasFault(kFaultLateConfig);
  // Activator none: NetworkManager's default connection takes a DHCP lease
  // and writes the lease's name server (the gateway) into resolv.conf.
  e.dns = e.agent_manages_network ? scenario.network.dns : DnsConfig{{net.gateway}, {}};
  const std::vector<NicSpec>& nics = scenario.network.nics;
  for (std::size_t n = 0; n < nics.size(); ++n) {
    int nic = static_cast<int>(n);
    // What NetworkManager's default connection does: a DHCPv4 lease.
    NicSpec spec = e.agent_manages_network && nics[n].managed ? nics[n] : NicSpec{};
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
  std::vector<CheckResult> checks;
  for (const auto& checker : MakeCheckers(scenario.checks))
    checks.push_back(checker->CheckHistory(
        expected, checker->ChecksInterruptedPart() ? observations : recovery, history));
  return checks;
}

}  // namespace bootstorm
