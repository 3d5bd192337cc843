// Fault shutdown, the guest half: a graceful shutdown requested as a chosen
// unit starts. Everything ordered before that unit has finished; the unit
// itself is stopped by the shutdown before its own command runs.
#pragma once

#include <map>
#include <string>

#include "boot_plan.h"

namespace bootstorm {

/// The drop-in that makes the unit of the plan's interrupting fault request
/// a poweroff before anything else it starts (`ExecStartPre=systemctl
/// --no-block poweroff`, sorted before other drop-ins' ExecStartPre) and
/// be stopped by it (`Conflicts=shutdown.target`), keyed
/// by path relative to the generator's output directory. Empty when the
/// boot is not interrupted by a shutdown, or its unit is not one of
/// kShutdownPointUnits.
std::map<std::string, std::string> RenderShutdownDropIn(const BootPlan& plan);

}  // namespace bootstorm
