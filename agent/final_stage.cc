#include <fmt/format.h>

#include "activation.h"
#include "files.h"
#include "guest_paths.h"
#include "observation.h"
#include "probe.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

// The forced DNS event: bring every rendered connection up again, which is
// when an NM that still owns DNS rewrites resolv.conf.
bool ReupConnections(const AgentLog& log) {
  std::optional<std::string> text = ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024);
  if (!text) {
    log.Write(fmt::format("no {}: no connections to bring up again", kLocalStatePath));
    return false;
  }
  std::vector<CommandStep> steps;
  for (const ConnectionFile& c : ParseLocalState(*text).connections)
    steps.push_back(ConnectionUpById(c.id));
  return RunLoggedSteps(steps, log);
}

}  // namespace

int RunFinalStage(const KernelPlan& plan, const AgentLog& log) {
  bool ok = true;
  // Probe never throws, so `end` below is always reached.
  Probe(plan.plan, plan.found, kCheckpointFinal, log);
  if (plan.plan.HasFault(kFaultConnectionReup)) {
    try {
      ok = ReupConnections(log);
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
