// Parsers for the command output the probe and the stages read. Pure, so the
// formats of iproute2, nmcli and busctl are pinned by tests rather than found
// out in a VM.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "observation.h"

namespace bootstorm {

/// Devices from `ip -j addr show`: every interface but loopback, with its MAC,
/// IPv4 addresses as CIDR and global-scope IPv6 addresses as CIDR; nm_state is
/// left empty. Throws std::invalid_argument when the text is not that JSON.
std::vector<DeviceState> ParseIpAddrJson(std::string_view text);

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
/// The last `max_lines` non-empty lines of `text`, each cut to `max_bytes`.
std::vector<std::string> LastLines(std::string_view text, std::size_t max_lines,
                                   std::size_t max_bytes);

}  // namespace bootstorm
