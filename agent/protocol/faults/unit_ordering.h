// Fault family: unit ordering. The guest's systemd generator rewrites the
// orderings of the SUT's units and NetworkManager for one boot.
//   guest effect: agent/faults/unit_ordering.cc (drop-ins per boot)
//   host effect:  none
//   expectation:  nm-before-local and local-after-online miss the renderer path
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// NetworkManager starts before the local stage: it reads no rendered
/// configuration at its start (activator path).
inline constexpr std::string_view kFaultNmBeforeLocal = "nm-before-local";
/// The local stage runs after network-online.target: NetworkManager has
/// activated a connection before the configuration is rendered (activator path).
inline constexpr std::string_view kFaultLocalAfterOnline = "local-after-online";
/// The network stage is not ordered after NetworkManager.service: it may start
/// while NetworkManager is still starting.
inline constexpr std::string_view kFaultNetworkBeforeNm = "network-before-nm";

inline constexpr FaultKind kUnitOrderingFaults[] = {
    {.name = kFaultNmBeforeLocal, .misses_renderer_path = true},
    {.name = kFaultLocalAfterOnline, .misses_renderer_path = true},
    {.name = kFaultNetworkBeforeNm},
};

}  // namespace bootstorm
