#include "nm_keyfile.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>

namespace bootstorm {
namespace {

std::uint64_t Fnv1a64(std::string_view text, std::uint64_t basis) {
  std::uint64_t hash = basis;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string LowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool IsIpv4(const NetworkEntry& n) { return n.type.starts_with("ipv4"); }

bool HasType(const std::vector<const NetworkEntry*>& networks, std::string_view type) {
  for (const NetworkEntry* n : networks)
    if (n->type == type) return true;
  return false;
}

bool IsDefaultRoute(const Route& r) { return r.network == "0.0.0.0" || r.network == "::"; }

// The [ipv4] or [ipv6] section for the networks of one family on one link.
// `dual_stack`: both families are configured on the link.
std::string RenderIpSection(bool ipv4, const std::vector<const NetworkEntry*>& networks,
                            bool dual_stack) {
  std::string method;
  if (ipv4)
    method = HasType(networks, "ipv4_dhcp") ? "auto"
             : HasType(networks, "ipv4")    ? "manual"
                                            : "disabled";
  else
    method = HasType(networks, "ipv6_dhcp")    ? "dhcp"
             : HasType(networks, "ipv6_slaac") ? "auto"
             : HasType(networks, "ipv6")       ? "manual"
                                               : "ignore";
  std::string section = fmt::format("[{}]\nmethod={}\n", ipv4 ? "ipv4" : "ipv6", method);
  // NM's default (may-fail=true) calls a dual-stack connection up as soon as
  // one family is; the instance is configured only when both are.
  if (dual_stack) section += "may-fail=false\n";

  std::string gateway;
  std::vector<std::string> routes;
  for (const NetworkEntry* n : networks) {
    for (const Route& r : n->routes) {
      if (!IsDefaultRoute(r))
        routes.push_back(
            fmt::format("{}/{},{}", r.network, *Ipv4PrefixLength(r.netmask), r.gateway));
      else if (gateway.empty())
        gateway = r.gateway;
    }
  }
  int address_index = 0;
  for (const NetworkEntry* n : networks) {
    if (n->ip_address.empty()) continue;
    std::string cidr =
        ipv4 ? fmt::format("{}/{}", n->ip_address, *Ipv4PrefixLength(n->netmask)) : n->ip_address;
    // The keyfile format carries the gateway on the first address.
    bool first = ++address_index == 1;
    section += fmt::format("address{}={}{}\n", address_index, cidr,
                           first && !gateway.empty() ? "," + gateway : "");
  }
  for (std::size_t i = 0; i < routes.size(); ++i)
    section += fmt::format("route{}={}\n", i + 1, routes[i]);
  return section;
}

}  // namespace

std::string ConnectionUuid(std::string_view connection_id) {
  std::uint64_t high = Fnv1a64(connection_id, 0xcbf29ce484222325ULL);
  std::uint64_t low = Fnv1a64(connection_id, high);
  high = (high & ~0xf000ULL) | 0x8000ULL;          // version 8
  low = (low & ~(0x3ULL << 62)) | (0x2ULL << 62);  // RFC variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xffff,
                     high & 0xffff, low >> 48, low & 0xffffffffffffULL);
}

std::vector<RenderedConnection> RenderKeyfiles(const NetworkData& data) {
  std::vector<RenderedConnection> connections;
  for (const Link& link : data.links) {
    std::vector<const NetworkEntry*> ipv4, ipv6;
    for (const NetworkEntry& n : data.networks) {
      if (n.link == link.id) (IsIpv4(n) ? ipv4 : ipv6).push_back(&n);
    }
    RenderedConnection c;
    c.id = "bootstorm-" + link.id;
    c.file_name = c.id + ".nmconnection";
    c.content = fmt::format(
        "[connection]\nid={}\nuuid={}\ntype=ethernet\nautoconnect=true\n\n"
        "[ethernet]\nmac-address={}\n",
        c.id, ConnectionUuid(c.id), LowerCase(link.mac));
    if (link.mtu > 0) c.content += fmt::format("mtu={}\n", link.mtu);
    bool dual_stack = !ipv4.empty() && !ipv6.empty();
    c.content += "\n" + RenderIpSection(true, ipv4, dual_stack) + "\n" +
                 RenderIpSection(false, ipv6, dual_stack);
    connections.push_back(std::move(c));
  }
  return connections;
}

}  // namespace bootstorm
