#include <fmt/format.h>

#include "activation.h"
#include "dns_events.h"
#include "files.h"
#include "guest_paths.h"
#include "nmcli_output.h"
#include "observation.h"
#include "probe.h"
#include "resolv_conf_blip.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

// The connections the DNS event brings up again: the agent's own, or with
// activator none (no agent connections) NetworkManager's active ethernet ones.
std::vector<CommandStep> ReupSteps(Activator activator, const AgentLog& log) {
  std::vector<CommandStep> steps;
  if (!AgentManagesNetwork(activator)) {
    std::vector<std::string> argv = {"nmcli",      "-t",   "-f",      "UUID,TYPE",
                                     "connection", "show", "--active"};
    CommandResult r = RunCommand(argv, kNmCallTimeout);
    if (!r.ok()) log.Write(fmt::format("{}: exit {}", CommandLine(argv), r.exit_code));
    for (const std::string& uuid : ParseActiveEthernetUuids(r.output))
      steps.push_back(ConnectionUp("uuid", uuid));
    return steps;
  }
  std::optional<std::string> text = ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024);
  if (!text) {
    log.Write(fmt::format("no {}: no connections to bring up again", kLocalStatePath));
    return steps;
  }
  for (const ConnectionFile& c : ParseLocalState(*text).connections)
    steps.push_back(ConnectionUp("id", c.id));
  return steps;
}

// The forced DNS event: bring the connections up again, which is when an NM
// that still owns DNS rewrites resolv.conf.
bool ReupConnections(Activator activator, const AgentLog& log) {
  std::vector<CommandStep> steps = ReupSteps(activator, log);
  if (steps.empty()) log.Write("no connection to bring up again");
  return !steps.empty() && RunLoggedSteps(steps, log);
}

// The host-caused DNS events of the plan, each waited for. What must be
// known before the final checkpoint (the host acts on it) is read first.
class HostDnsEvents {
 public:
  HostDnsEvents(const BootPlan& plan, const AgentLog& log) : plan_(plan), log_(log) {
    if (planned()) carrier_ = ReadCarrierCounts(log_);
  }
  bool planned() const { return plan_.HasFault(kFaultLinkFlap) || plan_.HasFault(kFaultDhcpRenew); }
  /// Waits for each planned event; false when one did not happen in time.
  bool Wait() {
    bool ok = true;
    if (const Fault* flap = plan_.FindFault(kFaultLinkFlap))
      ok = carrier_ && WaitForLinkFlap(*carrier_, flap->ms, log_);
    // Read after the other events: a reconnect takes a new lease, which is
    // no renewal.
    if (plan_.HasFault(kFaultDhcpRenew)) {
      std::optional<long long> expiry;
      if (carrier_) expiry = QueryDhcp4Expiry(carrier_->device, log_);
      if (!expiry) log_.Write("dhcp-renew: NetworkManager holds no DHCPv4 lease");
      ok = expiry && WaitForDhcpRenewal(carrier_->device, *expiry, log_) && ok;
    }
    return ok;
  }

 private:
  const BootPlan& plan_;
  const AgentLog& log_;
  std::optional<CarrierCounts> carrier_;
};

}  // namespace

int RunFinalStage(const KernelPlan& plan, const AgentLog& log) {
  bool ok = true;
  const BootPlan& p = plan.plan;
  HostDnsEvents host_events(p, log);
  if (const Fault* blip = p.FindFault(kFaultResolvConfBlip))
    ok = BlipResolvConf(std::string(kResolvConfPath), blip->ms, std::string(kFaultEventsPath), log);
  // Probe never throws, so `end` below is always reached.
  Probe(p, plan.found, kCheckpointFinal, log);
  if (p.HasFault(kFaultConnectionReup)) {
    try {
      ok = ReupConnections(p.activator, log);
    } catch (const std::exception& e) {
      log.Write(fmt::format("error: {}", e.what()));
      ok = false;
    }
  }
  ok = host_events.Wait() && ok;
  if (p.HasFault(kFaultConnectionReup) || host_events.planned())
    Probe(p, plan.found, kCheckpointAfterDnsEvent, log);
  Probe(p, plan.found, kCheckpointEnd, log);
  return ok ? 0 : 1;
}

}  // namespace bootstorm
