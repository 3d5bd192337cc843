// The OpenStack config drive contents the agent consumes: the subset of
// `openstack/latest/network_data.json` and `meta_data.json` bootstorm uses.
// The harness writes them (ToJson), the agent reads them (Parse*), so the same
// drive would also boot a real cloud-init image.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resolv_conf.h"

namespace bootstorm {

/// Label of the config drive's file system, as on OpenStack.
inline constexpr std::string_view kConfigDriveLabel = "config-2";

struct Route {
  std::string network;  ///< e.g. 0.0.0.0
  std::string netmask;  ///< e.g. 0.0.0.0
  std::string gateway;
  bool operator==(const Route&) const = default;
};

/// One `networks[]` entry: how one link is addressed.
struct NetworkEntry {
  std::string id;
  std::string link;  ///< id of a `links[]` entry
  /// "ipv4_dhcp", "ipv4", "ipv6_dhcp", "ipv6_slaac" or "ipv6".
  std::string type;
  std::string ip_address = {};  ///< static types only
  std::string netmask = {};  ///< static ipv4 only (dotted quad); ipv6 uses a prefix in ip_address
  std::vector<Route> routes = {};
  bool operator==(const NetworkEntry&) const = default;
};

/// One `links[]` entry; only physical links are supported.
struct Link {
  std::string id;
  std::string type = "phy";
  std::string mac;  ///< `ethernet_mac_address`, lower case
  int mtu = 0;      ///< 0: unset
  bool operator==(const Link&) const = default;
};

struct NetworkData {
  std::vector<Link> links;
  std::vector<NetworkEntry> networks;
  /// `services[]` of type dns give name servers; `dns_search` (a bootstorm
  /// extension, ignored by other readers) gives search domains.
  DnsConfig dns;
  bool operator==(const NetworkData&) const = default;
};

struct MetaData {
  std::string uuid;
  std::string hostname;
  bool operator==(const MetaData&) const = default;
};

nlohmann::json ToJson(const NetworkData& n);
nlohmann::json ToJson(const MetaData& m);
/// Throws std::invalid_argument naming the JSON path (e.g.
/// "networks[0].link: no such link 'x'") for malformed or inconsistent input.
NetworkData ParseNetworkData(std::string_view text);
MetaData ParseMetaData(std::string_view text);

/// Prefix length of a dotted-quad IPv4 netmask ("255.255.255.0" -> 24);
/// nullopt when it is not one (malformed or non-contiguous).
std::optional<int> Ipv4PrefixLength(std::string_view netmask);

}  // namespace bootstorm
