// Fault family: DNS events after the final checkpoint. Something makes
// NetworkManager write DNS again; resolv.conf must still be right after it.
//   guest effect: agent/final_stage.cc and agent/faults/dns_events.cc (the
//                 re-up; waiting for the host's event before observing)
//   host effect:  harness/run/faults/link_flap.cc (link-flap);
//                 harness/plan/run_network.cc (dhcp-renew: short renewals)
//   expectation:  unchanged, plus the after-dns-event checkpoint
#pragma once

#include <string_view>

#include "fault_kind.h"

namespace bootstorm {

/// After the final stage: `nmcli connection up` again, then probe.
inline constexpr std::string_view kFaultConnectionReup = "connection-reup";
/// After the final checkpoint the NIC's link goes down for `ms`, then up.
inline constexpr std::string_view kFaultLinkFlap = "link-flap";
/// After the final checkpoint the guest waits for a DHCP renewal (the run
/// network hands out short renewal times).
inline constexpr std::string_view kFaultDhcpRenew = "dhcp-renew";

inline constexpr FaultKind kDnsEventFaults[] = {
    {.name = kFaultConnectionReup},
    {.name = kFaultLinkFlap, .takes_ms = true},
    {.name = kFaultDhcpRenew},
};

}  // namespace bootstorm
