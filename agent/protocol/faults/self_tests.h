// Fault family: harness self-tests. Faults of a hostile or broken guest that
// the harness must catch or refuse, never judge as the SUT's.
//   guest effect: agent/probe/probe.cc (probe-garbage, probe-huge-line),
//                 agent/faults/resolv_conf_blip.cc (resolv-conf-blip),
//                 agent/faults/unit_ordering.cc (ordering-cycle)
//   host effect:  none
//   expectation:  unchanged: the harness must see what the guest did
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// A hostile guest: at the after-network checkpoint the probe sends lines of
/// garbage, or one line of 100 MiB, instead of JSON.
inline constexpr std::string_view kFaultProbeGarbage = "probe-garbage";
inline constexpr std::string_view kFaultProbeHugeLine = "probe-huge-line";
/// A transient rewrite: between the after-network and final checkpoints the
/// guest replaces resolv.conf by NetworkManager's kind of file (rename over
/// it) and puts the original back `ms` later. Every checkpoint sees the right
/// file; only the event history shows the rewrite.
inline constexpr std::string_view kFaultResolvConfBlip = "resolv-conf-blip";
/// A broken plan: the generator adds a unit ordered both before and after
/// bootstorm-early.service, an ordering cycle that systemd breaks by deleting
/// a job. The harness must call the boot an infra error naming the cycle.
inline constexpr std::string_view kFaultOrderingCycle = "ordering-cycle";

inline constexpr FaultKind kSelfTestFaults[] = {
    {.name = kFaultProbeGarbage},
    {.name = kFaultProbeHugeLine},
    {.name = kFaultResolvConfBlip, .takes_ms = true},
    {.name = kFaultOrderingCycle},
};

}  // namespace bootstorm
