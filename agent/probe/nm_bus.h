// NetworkManager's DNS mode and device states, read over D-Bus from inside
// the agent. The probe used to fork busctl and `nmcli device status` for
// them; under TCG that cost 0.5-3 s per checkpoint (nmcli loads NM's whole
// object tree before it prints a line), in the boot's critical path.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "agent_log.h"

namespace bootstorm {

struct NmBusState {
  /// DnsManager's Mode ("default", "none", ...); "" when it could not be read.
  std::string dns_mode;
  /// Interface name -> state in the words of `nmcli device status`.
  std::map<std::string, std::string> device_states;
};

/// The words nmcli prints for NMDeviceState `state`; `external` (the device's
/// active connection has NM_ACTIVATION_STATE_FLAG_EXTERNAL) turns "connected"
/// into "connected (externally)", as nmcli does. Unknown values print as
/// "unknown".
std::string NmDeviceStateWords(std::uint32_t state, bool external);

/// Reads the state from NetworkManager on the system bus, each call bounded
/// by `timeout` and without D-Bus activation (a stopped NM stays stopped).
/// Never throws: what cannot be read is logged and left empty.
NmBusState QueryNmOverBus(std::chrono::milliseconds timeout, const AgentLog& log);

}  // namespace bootstorm
