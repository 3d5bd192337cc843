#include "network_data.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <set>

#include "strict_json.h"

namespace bootstorm {
namespace {

// OpenStack's files carry many keys bootstorm does not use (vif_id,
// network_id, availability_zone, ...); they are accepted and ignored, so the
// readers below check what they read but call no StrictObject::Finish().

// cloud-init treats these `links[].type` values as physical NICs.
constexpr std::array<std::string_view, 9> kPhysicalLinkTypes = {
    "phy", "ethernet", "bridge", "hw_veb", "hyperv", "ovs", "tap", "vhostuser", "vif"};
constexpr std::array<std::string_view, 5> kNetworkTypes = {"ipv4_dhcp", "ipv4", "ipv6_dhcp",
                                                           "ipv6_slaac", "ipv6"};
constexpr std::size_t kMaxIdBytes = 64;

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// Ids become file names and connection names, so keep them to a safe alphabet.
std::string SafeId(StrictObject& o, std::string_view key) {
  std::string id = o.String(key);
  bool safe = !id.empty() && id.size() <= kMaxIdBytes && id[0] != '.' &&
              std::all_of(id.begin(), id.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '-' || c == '_' || c == '.';
              });
  if (!safe)
    throw JsonPathError(o.PathOf(key), "'" + id + "' is not 1-" + std::to_string(kMaxIdBytes) +
                                           " characters of [A-Za-z0-9._-]");
  return id;
}

std::string Mac(StrictObject& o, std::string_view key) {
  std::string mac = o.String(key);
  bool valid = mac.size() == 17;
  for (std::size_t i = 0; valid && i < mac.size(); ++i)
    valid = (i % 3 == 2) ? mac[i] == ':' : std::isxdigit(static_cast<unsigned char>(mac[i]));
  if (!valid) throw JsonPathError(o.PathOf(key), "'" + mac + "' is not a MAC address");
  std::transform(mac.begin(), mac.end(), mac.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return mac;
}

std::string Netmask(StrictObject& o, std::string_view key) {
  std::string netmask = o.String(key);
  if (!Ipv4PrefixLength(netmask))
    throw JsonPathError(o.PathOf(key), "'" + netmask + "' is not an IPv4 netmask");
  return netmask;
}

Route RouteFromJson(const nlohmann::json& j, const std::string& path, bool ipv6) {
  StrictObject o(j, path);
  Route r;
  r.network = o.String("network");
  // Keyfiles get IPv6 routes only as the gateway; others would need prefix math.
  if (ipv6) {
    r.netmask = o.String("netmask");
    if (r.network != "::")
      throw JsonPathError(o.PathOf("network"), "only default routes (::) are supported for ipv6");
  } else {
    r.netmask = Netmask(o, "netmask");
  }
  r.gateway = o.String("gateway");
  return r;
}

NetworkEntry NetworkFromJson(const nlohmann::json& j, const std::string& path,
                             const std::set<std::string, std::less<>>& link_ids) {
  StrictObject o(j, path);
  NetworkEntry n;
  n.id = o.String("id");
  n.link = o.String("link");
  if (!link_ids.contains(n.link))
    throw JsonPathError(o.PathOf("link"), "no such link '" + n.link + "'");
  n.type = o.String("type");
  if (!OneOf(kNetworkTypes, n.type))
    throw JsonPathError(o.PathOf("type"), "unsupported network type '" + n.type + "'");
  if (n.type == "ipv4") {
    n.ip_address = o.String("ip_address");
    n.netmask = Netmask(o, "netmask");
  } else if (n.type == "ipv6") {
    n.ip_address = o.String("ip_address");
    if (n.ip_address.find('/') == std::string::npos)
      throw JsonPathError(o.PathOf("ip_address"), "static ipv6 needs address/prefix");
  }
  if (const nlohmann::json* routes = o.OptionalArray("routes")) {
    for (std::size_t i = 0; i < routes->size(); ++i)
      n.routes.push_back(RouteFromJson((*routes)[i], ElementPath(o.PathOf("routes"), i),
                                       n.type.starts_with("ipv6")));
  }
  return n;
}

Link LinkFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  Link link;
  link.id = SafeId(o, "id");
  link.type = o.String("type");
  if (!OneOf(kPhysicalLinkTypes, link.type))
    throw JsonPathError(o.PathOf("type"),
                        "only physical links are supported, got '" + link.type + "'");
  link.mac = Mac(o, "ethernet_mac_address");
  // OpenStack writes "mtu": null when the network has none.
  if (o.Has("mtu") && !o.Member("mtu").is_null())
    link.mtu = static_cast<int>(o.Integer("mtu", 68, 65535));
  return link;
}

}  // namespace

std::optional<int> Ipv4PrefixLength(std::string_view netmask) {
  std::uint32_t mask = 0;
  int octets = 0;
  std::size_t pos = 0;
  while (pos <= netmask.size() && octets < 4) {
    std::size_t end = std::min(netmask.find('.', pos), netmask.size());
    std::string_view part = netmask.substr(pos, end - pos);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    int value = std::stoi(std::string(part));
    if (value > 255) return std::nullopt;
    mask = (mask << 8) | static_cast<std::uint32_t>(value);
    ++octets;
    pos = end + 1;
  }
  if (octets != 4 || pos <= netmask.size()) return std::nullopt;
  int prefix = std::countl_one(mask);
  // Contiguous: nothing set after the leading ones.
  if (prefix < 32 && (mask << prefix) != 0) return std::nullopt;
  return prefix;
}

nlohmann::json ToJson(const NetworkData& n) {
  nlohmann::json links = nlohmann::json::array();
  for (const Link& l : n.links) {
    nlohmann::json link = {{"id", l.id}, {"type", l.type}, {"ethernet_mac_address", l.mac}};
    if (l.mtu > 0) link["mtu"] = l.mtu;
    links.push_back(link);
  }
  nlohmann::json services = nlohmann::json::array();
  for (const std::string& ns : n.dns.nameservers)
    services.push_back({{"type", "dns"}, {"address", ns}});
  nlohmann::json networks = nlohmann::json::array();
  for (const NetworkEntry& e : n.networks) {
    nlohmann::json network = {{"id", e.id}, {"link", e.link}, {"type", e.type}};
    if (!e.ip_address.empty()) network["ip_address"] = e.ip_address;
    if (!e.netmask.empty()) network["netmask"] = e.netmask;
    nlohmann::json routes = nlohmann::json::array();
    for (const Route& r : e.routes)
      routes.push_back({{"network", r.network}, {"netmask", r.netmask}, {"gateway", r.gateway}});
    network["routes"] = routes;
    // As Nova writes it: each network's name servers, and all of them at
    // the top (cloud-init reads only these two; the agent the top-level ones).
    network["services"] = services;
    networks.push_back(network);
  }
  // Not OpenStack's format (which has no search domains): the agent's own
  // extension; cloud-init does not read it.
  nlohmann::json j = {{"links", links}, {"networks", networks}, {"services", services}};
  if (!n.dns.search.empty()) j["dns_search"] = n.dns.search;
  return j;
}

nlohmann::json ToJson(const MetaData& m) { return {{"uuid", m.uuid}, {"hostname", m.hostname}}; }

NetworkData ParseNetworkData(std::string_view text) {
  nlohmann::json j = ParseJsonText(text, "network_data");
  StrictObject o(j, "network_data");
  NetworkData data;
  std::set<std::string, std::less<>> link_ids;
  const nlohmann::json& links = o.Array("links");
  for (std::size_t i = 0; i < links.size(); ++i) {
    std::string path = ElementPath(o.PathOf("links"), i);
    data.links.push_back(LinkFromJson(links[i], path));
    if (!link_ids.insert(data.links.back().id).second)
      throw JsonPathError(path + ".id", "duplicate link id '" + data.links.back().id + "'");
  }
  const nlohmann::json& networks = o.Array("networks");
  for (std::size_t i = 0; i < networks.size(); ++i)
    data.networks.push_back(
        NetworkFromJson(networks[i], ElementPath(o.PathOf("networks"), i), link_ids));
  if (const nlohmann::json* services = o.OptionalArray("services")) {
    for (std::size_t i = 0; i < services->size(); ++i) {
      StrictObject service((*services)[i], ElementPath(o.PathOf("services"), i));
      if (service.String("type") == "dns") {
        data.dns.nameservers.push_back(service.String("address"));
        RequireNameServer(data.dns.nameservers.back(), service.PathOf("address"));
      }
    }
  }
  if (const nlohmann::json* search = o.OptionalArray("dns_search"))
    data.dns.search = StringsOf(*search, o.PathOf("dns_search"));
  for (std::size_t i = 0; i < data.dns.search.size(); ++i)
    RequireSearchDomain(data.dns.search[i], ElementPath(o.PathOf("dns_search"), i));
  return data;
}

MetaData ParseMetaData(std::string_view text) {
  nlohmann::json j = ParseJsonText(text, "meta_data");
  StrictObject o(j, "meta_data");
  return MetaData{o.String("uuid"), o.OptionalString("hostname").value_or("")};
}

}  // namespace bootstorm
