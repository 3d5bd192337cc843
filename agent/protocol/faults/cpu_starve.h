// Fault family: CPU starvation. A slow host stretches every race window.
//   host effect:  harness/run/faults/cpu_starve.cc (a vCPU quota)
//   guest effect: none
//   expectation:  unchanged
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// From domain start the vCPUs get `percent` of one host CPU, for `ms`.
inline constexpr std::string_view kFaultCpuStarve = "cpu-starve";

inline constexpr FaultKind kCpuStarveFaults[] = {
    {.name = kFaultCpuStarve, .takes_ms = true, .takes_percent = true},
};

}  // namespace bootstorm
