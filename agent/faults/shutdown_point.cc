#include "shutdown_point.h"

#include <fmt/format.h>

#include "interruption.h"

namespace bootstorm {

std::map<std::string, std::string> RenderShutdownDropIn(const BootPlan& plan) {
  const Fault* fault = InterruptingFault(plan);
  if (!fault || fault->kind != kFaultShutdown || !IsShutdownPointUnit(fault->unit)) return {};
  // --no-block: queuing the poweroff replaces the unit's start job with a
  // stop job; waiting for the poweroff would wait on the unit's own stop.
  // "10-": before the ExecStartPre of other drop-ins (legacy-final-restart's
  // reload), so the unit does nothing of its own before the shutdown.
  // Conflicts=: the shutdown stops the unit even without default
  // dependencies (the early and local stages), instead of letting it run on.
  return {{fmt::format("{}.d/10-shutdown.conf", fault->unit),
           "# Written by bootstorm-generator: fault shutdown.\n"
           "[Unit]\n"
           "Conflicts=shutdown.target\n"
           "Before=shutdown.target\n"
           "[Service]\n"
           "ExecStartPre=/usr/bin/systemctl --no-block poweroff\n"}};
}

}  // namespace bootstorm
