// Fault family: late configuration. The config drive arrives after
// NetworkManager has started.
//   host effect:  harness/run/faults/late_config.cc (the drive hot-plugged)
//   guest effect: agent/faults/unit_ordering.cc (the agent's local stage is
//                 not ordered after the drive; its network stage is)
//   expectation:  misses the renderer path
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// The config drive is hot-plugged `ms` after the domain started: the
/// configuration arrives after NetworkManager (the activator path).
inline constexpr std::string_view kFaultLateConfig = "late-config";

inline constexpr FaultKind kLateConfigFaults[] = {
    {.name = kFaultLateConfig, .takes_ms = true, .misses_renderer_path = true},
};

}  // namespace bootstorm
