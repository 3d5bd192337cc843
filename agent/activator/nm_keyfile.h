// Rendering of NetworkManager keyfiles from the config drive's network data.
// Pure: the local stage writes what these functions return.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "network_data.h"

namespace bootstorm {

/// Where NM reads keyfiles and global configuration.
inline constexpr std::string_view kNmKeyfileDir = "/etc/NetworkManager/system-connections";
inline constexpr std::string_view kNmDnsNoneConfPath =
    "/etc/NetworkManager/conf.d/99-bootstorm.conf";
/// Tells NM to keep its hands off /etc/resolv.conf: the agent owns DNS.
inline constexpr std::string_view kNmDnsNoneConf = "[main]\ndns=none\n";

struct RenderedConnection {
  std::string id;         ///< NM connection id, "bootstorm-<link id>"
  std::string file_name;  ///< "<id>.nmconnection", relative to kNmKeyfileDir
  std::string content;
};

/// One keyfile per link, matched by MAC address, in link order. ipv4 is
/// `auto` with any ipv4_dhcp network, else `manual` with static ones, else
/// `disabled`; ipv6 likewise (`dhcp`, `auto` for SLAAC, `manual`, `ignore`).
/// A link with both families gets `may-fail=false` in each, so that bringing
/// it up waits for both.
/// Name servers stay out of the keyfiles: the agent writes resolv.conf.
std::vector<RenderedConnection> RenderKeyfiles(const NetworkData& data);

/// A UUID derived from the connection id alone, so re-rendering on every boot
/// gives the same profile. RFC 9562 version 8 (vendor-specific) layout.
std::string ConnectionUuid(std::string_view connection_id);

}  // namespace bootstorm
