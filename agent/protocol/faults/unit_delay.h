// Fault family: unit delay. A unit's start waits a drawn time.
//   guest effect: agent/faults/unit_delays.cc (an ExecStartPre drop-in)
//   host effect:  none
//   expectation:  unchanged (a delay must not change the outcome)
#pragma once

#include <array>
#include <string_view>

#include "fault_kind.h"
#include "units.h"

namespace bootstorm {

/// Before unit `unit` starts (an agent stage, NetworkManager.service,
/// dbus.service or a cloud-init unit), the guest waits `ms` milliseconds.
inline constexpr std::string_view kFaultDelay = "delay";
/// The units a `delay` may name: the agent's stages, NetworkManager, dbus and
/// cloud-init's units.
inline constexpr auto kDelayableUnits =
    JoinUnits(std::array<std::string_view, 6>{kUnitEarly, kUnitLocal, kUnitNetwork, kUnitFinal,
                                              kUnitNetworkManager, kUnitDbus},
              kCloudInitUnits);

inline constexpr FaultKind kUnitDelayFaults[] = {
    {.name = kFaultDelay, .takes_unit = true, .takes_ms = true, .units = kDelayableUnits},
};

}  // namespace bootstorm
