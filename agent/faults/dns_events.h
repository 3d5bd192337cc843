// The DNS events the final stage waits for when the host causes them: a link
// flap (link-flap) and a DHCP renewal (dhcp-renew). The guest takes the
// after-dns-event observation only once the event happened, and logs what it
// saw, so the observation shows the event took effect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agent_log.h"

namespace bootstorm {

/// Carrier transitions of one interface so far, from the kernel's counters
/// (/sys/class/net/DEV/carrier_{up,down}_count): a flap is seen even when it
/// was over before anyone looked.
struct CarrierCounts {
  std::string device;
  long long up = 0;
  long long down = 0;
};

/// The counters of the guest's first physical NIC (a /sys/class/net entry
/// with a `device` link); nullopt (logged) when there is none.
std::optional<CarrierCounts> ReadCarrierCounts(const AgentLog& log);

/// link-flap: waits until the NIC's carrier went down and came up again
/// since `before` (the host keeps it down `flap_ms`), then until NetworkManager
/// reports the device connected again. Bounded; logs each step with the guest's
/// monotonic time. False on a timeout.
bool WaitForLinkFlap(const CarrierCounts& before, int flap_ms, const AgentLog& log);

/// The DHCPv4 lease expiry NetworkManager holds for `device`; nullopt when
/// it has none.
std::optional<long long> QueryDhcp4Expiry(const std::string& device, const AgentLog& log);

/// dhcp-renew: waits until NetworkManager's lease of `device` shows an expiry
/// other than `before` (a renewal; the run network hands out short renewal
/// times). Bounded; logs the old and new expiry. False on a timeout.
bool WaitForDhcpRenewal(const std::string& device, long long before, const AgentLog& log);

}  // namespace bootstorm
