// Parsers for the command output the probe reads: iproute2's JSON and the
// last lines of a log. Pure, so the formats are pinned by tests rather than
// found out in a VM.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "observation.h"

namespace bootstorm {

/// Devices from `ip -j addr show`: every interface but loopback, with its MAC,
/// IPv4 addresses as CIDR and global-scope IPv6 addresses as CIDR; nm_state is
/// left empty. Throws std::invalid_argument when the text is not that JSON.
std::vector<DeviceState> ParseIpAddrJson(std::string_view text);

/// The last `max_lines` non-empty lines of `text`, each cut to `max_bytes`.
std::vector<std::string> LastLines(std::string_view text, std::size_t max_lines,
                                   std::size_t max_bytes);

}  // namespace bootstorm
