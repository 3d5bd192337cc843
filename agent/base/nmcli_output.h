// Parsers for nmcli's output, which the fault injectors and the stages read
// (the probe reads NetworkManager over D-Bus, nm_bus.h). Pure, so nmcli's
// formats are pinned by tests rather than found out in a VM.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// Device name -> state from `nmcli -t -f DEVICE,STATE device status`
/// (terse: `:` separated, `\:` and `\\` escaped).
std::map<std::string, std::string> ParseNmcliDeviceStates(std::string_view text);

/// UUIDs of the ethernet connections in
/// `nmcli -t -f UUID,TYPE connection show --active`, in order.
std::vector<std::string> ParseActiveEthernetUuids(std::string_view text);

/// The DHCPv4 lease's `expiry` (seconds since the epoch) from
/// `nmcli -t -f DHCP4 device show DEV` (`DHCP4.OPTION[N]:expiry = 1732...`);
/// nullopt when there is none (no DHCP lease).
std::optional<long long> ParseDhcp4Expiry(std::string_view text);

}  // namespace bootstorm
