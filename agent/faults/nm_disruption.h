// Faults nm-kill and nm-restart: NetworkManager is killed or restarted at a
// fixed point of the network stage's activation. The stage runs its steps with
// a StepHooks::before_step that calls NmDisruption::BeforeStep, so the
// activator's step planner (activation.h) knows nothing of the fault.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "agent_log.h"
#include "boot_plan.h"
#include "command.h"

namespace bootstorm {

/// The activation step before which the disruption fires: after the first
/// step (the reference's state log, a legacy activator's first `connection
/// load`), before the step that reloads NetworkManager or brings a connection up.
inline constexpr std::size_t kDisruptionStep = 1;

/// Fires the plan's nm-kill and nm-restart faults, in plan order, exactly
/// once per network stage.
class NmDisruption {
 public:
  /// `inject` carries out one fault kind (InjectNmDisruption in the guest).
  NmDisruption(const BootPlan& plan, std::function<void(std::string_view kind)> inject);

  /// Before activation step `index`: fires at kDisruptionStep.
  void BeforeStep(std::size_t index);
  /// After the activation (or when there was none): fires if it has not yet,
  /// so a planned disruption always takes place in the network stage.
  void Finish();

 private:
  void Fire();

  std::vector<std::string> kinds_;
  std::function<void(std::string_view)> inject_;
  bool fired_ = false;
};

/// The command that carries out `kind`: SIGKILL to NetworkManager's main
/// process (its unit restarts it on failure) or `systemctl restart`, which
/// returns once NetworkManager is up again.
CommandStep NmDisruptionCommand(std::string_view kind);

/// Runs NmDisruptionCommand(kind) and, when it worked, records the fault
/// event (its begin and end) for the probe; logs either way.
void InjectNmDisruption(std::string_view kind, const AgentLog& log);

}  // namespace bootstorm
