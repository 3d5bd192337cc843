#include <fmt/format.h>

#include "activation.h"
#include "files.h"
#include "guest_paths.h"
#include "observation.h"
#include "probe.h"
#include "render_config.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

// Activates what local rendered when that is needed; returns whether every
// step worked.
bool Activate(Activator activator, const AgentLog& log) {
  if (!AgentManagesNetwork(activator)) {
    log.Write("activation skipped: activator none, the agent does not manage the network");
    return true;
  }
  std::optional<std::string> text = ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024);
  if (!text) {
    log.Write(fmt::format("no {}: local did not render; nothing to activate", kLocalStatePath));
    return true;
  }
  try {
    LocalState state = ParseLocalState(*text);
    log.Write(fmt::format("activation {}: {}", ActivationNeeded(state) ? "needed" : "skipped",
                          ActivationReason(state)));
    if (!ActivationNeeded(state)) return true;
    log.Write(fmt::format("activator {}", ActivatorName(activator)));
    return RunLoggedSteps(ActivationCommands(activator, state.connections), log);
  } catch (const std::invalid_argument& e) {
    log.Write(fmt::format("error: {}: {}", kLocalStatePath, e.what()));
    return false;
  }
}

// Under late-config, when local found no drive: systemd started this stage
// once the drive's device appeared (or its wait timed out); render now.
bool RenderLateConfig(const BootPlan& plan, const AgentLog& log) {
  if (!plan.HasFault(kFaultLateConfig) || !AgentManagesNetwork(plan.activator) ||
      ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024))
    return true;
  log.Write("late-config: rendering the config drive that arrived after NetworkManager");
  // systemd has already waited for the device; udev may still be creating the link.
  return RenderConfigDrive(QueryNmActiveState(log), std::chrono::seconds(30), log);
}

}  // namespace

int RunNetworkStage(const KernelPlan& plan, const AgentLog& log) {
  bool rendered = RenderLateConfig(plan.plan, log);
  bool ok = Activate(plan.plan.activator, log) && rendered;
  Probe(plan.plan, plan.found, kCheckpointAfterNetwork, log);
  return ok ? 0 : 1;
}

}  // namespace bootstorm
