#include <fmt/format.h>

#include "activation.h"
#include "files.h"
#include "guest_paths.h"
#include "observation.h"
#include "probe.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {

int RunNetworkStage(const KernelPlan& plan, const AgentLog& log) {
  bool ok = true;
  std::optional<std::string> text = ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024);
  if (!text) {
    log.Write(fmt::format("no {}: local did not render; nothing to activate", kLocalStatePath));
  } else {
    try {
      LocalState state = ParseLocalState(*text);
      log.Write(fmt::format("activation {}: {}", ActivationNeeded(state) ? "needed" : "skipped",
                            ActivationReason(state)));
      if (ActivationNeeded(state)) {
        log.Write(fmt::format("activator {}", ActivatorName(plan.plan.activator)));
        ok = RunLoggedSteps(ActivationCommands(plan.plan.activator, state.connections), log);
      }
    } catch (const std::invalid_argument& e) {
      log.Write(fmt::format("error: {}: {}", kLocalStatePath, e.what()));
      ok = false;
    }
  }
  Probe(plan.plan, plan.found, kCheckpointAfterNetwork, log);
  return ok ? 0 : 1;
}

}  // namespace bootstorm
