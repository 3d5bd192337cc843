// Fault family: boot interruption. The boot is cut short, then a recovery
// boot runs on the disk it left (interruption.h has the plan of each part).
//   guest effect: agent/faults/shutdown_point.cc (shutdown: an ExecStartPre
//                 that requests poweroff)
//   host effect:  harness/run/interrupted_boot.cc (power-cut: the domain is
//                 destroyed; both: the recovery boot)
//   expectation:  checks judge the recovery boot; a render before the
//                 interruption must persist (interrupted_part.h)
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

#include "fault_kind.h"
#include "units.h"

namespace bootstorm {

/// A graceful shutdown as unit `unit` starts, then a recovery boot on that disk.
inline constexpr std::string_view kFaultShutdown = "shutdown";
/// A hard power cut (the host destroys the domain) `ms` after the domain
/// started, then a recovery boot on that disk.
inline constexpr std::string_view kFaultPowerCut = "power-cut";

/// Units at whose start fault shutdown may request the poweroff: the agent's
/// stages, the services of the race and cloud-init's stages. A closed list,
/// because the guest writes a drop-in named after the unit.
inline constexpr auto kShutdownPointUnits =
    JoinUnits(std::array<std::string_view, 7>{kUnitEarly, kUnitLocal, kUnitNetwork, kUnitFinal,
                                              kUnitNetworkManager, kUnitNmWaitOnline, kUnitDbus},
              kCloudInitStageUnits);

/// Whether fault shutdown may name `unit`.
constexpr bool IsShutdownPointUnit(std::string_view unit) {
  return std::find(kShutdownPointUnits.begin(), kShutdownPointUnits.end(), unit) !=
         kShutdownPointUnits.end();
}

inline constexpr FaultKind kBootInterruptionFaults[] = {
    {.name = kFaultShutdown,
     .takes_unit = true,
     .units = kShutdownPointUnits,
     .interrupts_boot = true},
    {.name = kFaultPowerCut, .takes_ms = true, .interrupts_boot = true},
};

}  // namespace bootstorm
