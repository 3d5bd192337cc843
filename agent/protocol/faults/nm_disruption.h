// Fault family: NetworkManager disruption in the middle of activation.
//   guest effect: agent/faults/nm_disruption.cc (between two activation steps)
//   host effect:  none
//   expectation:  what NetworkManager does inside the recorded window is the
//                 fault's (activation-once)
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// In the network stage, between the first and second activation step (or
/// where activation would begin, when there is none): NetworkManager's main
/// process is SIGKILLed (its unit restarts it on failure), or NetworkManager
/// is restarted with `systemctl restart`.
inline constexpr std::string_view kFaultNmKill = "nm-kill";
inline constexpr std::string_view kFaultNmRestart = "nm-restart";

inline constexpr FaultKind kNmDisruptionFaults[] = {
    {.name = kFaultNmKill, .agent_stages_only = true, .disrupts_network_manager = true},
    {.name = kFaultNmRestart, .agent_stages_only = true, .disrupts_network_manager = true},
};

}  // namespace bootstorm
