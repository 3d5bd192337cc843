#include <fmt/format.h>

#include "activation.h"
#include "files.h"
#include "guest_paths.h"
#include "observation.h"
#include "probe.h"
#include "probe_parsers.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

constexpr std::chrono::seconds kQueryTimeout{10};

// The connections the DNS event brings up again: the agent's own, or with
// activator none (no agent connections) NetworkManager's active ethernet ones.
std::vector<CommandStep> ReupSteps(Activator activator, const AgentLog& log) {
  std::vector<CommandStep> steps;
  if (!AgentManagesNetwork(activator)) {
    std::vector<std::string> argv = {"nmcli",      "-t",   "-f",      "UUID,TYPE",
                                     "connection", "show", "--active"};
    CommandResult r = RunCommand(argv, kQueryTimeout);
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

}  // namespace

int RunFinalStage(const KernelPlan& plan, const AgentLog& log) {
  bool ok = true;
  // Probe never throws, so `end` below is always reached.
  Probe(plan.plan, plan.found, kCheckpointFinal, log);
  if (plan.plan.HasFault(kFaultConnectionReup)) {
    try {
      ok = ReupConnections(plan.plan.activator, log);
    } catch (const std::exception& e) {
      log.Write(fmt::format("error: {}", e.what()));
      ok = false;
    }
    Probe(plan.plan, plan.found, kCheckpointAfterDnsEvent, log);
  }
  Probe(plan.plan, plan.found, kCheckpointEnd, log);
  return ok ? 0 : 1;
}

}  // namespace bootstorm
