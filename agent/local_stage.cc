#include <fmt/format.h>

#include "local_state.h"
#include "probe.h"
#include "render_config.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

/// udev may still be probing block devices when the stage starts.
constexpr std::chrono::seconds kDriveAppearTimeout{60};

}  // namespace

int RunLocalStage(const KernelPlan& plan, const AgentLog& log) {
  std::string nm_active_state = QueryNmActiveState(log);
  log.Write(fmt::format("start: run '{}' vm {} boot {}, activator {}, NetworkManager {}",
                        plan.plan.run_id, plan.plan.vm, plan.plan.boot,
                        ActivatorName(plan.plan.activator), nm_active_state));
  if (!AgentManagesNetwork(plan.plan.activator)) {
    log.Write(fmt::format("activator {}: the agent does not manage the network; nothing rendered",
                          ActivatorName(plan.plan.activator)));
    return 0;
  }
  // The host hot-plugs the drive later: the network stage renders it then.
  if (plan.plan.HasFault(kFaultLateConfig) && !ConfigDrivePresent()) {
    log.Write("late-config: no config drive yet; nothing rendered");
    return 0;
  }
  return RenderConfigDrive(nm_active_state, kDriveAppearTimeout, log) ? 0 : 1;
}

}  // namespace bootstorm
