#include "run_network.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <functional>
#include <stdexcept>
#include <utility>

#include "resource_names.h"

namespace bootstorm {

std::string RunNetwork::Ipv4Cidr() const { return fmt::format("{}.0/{}", subnet, prefix); }
std::string RunNetwork::Ipv6Cidr() const { return ipv6_prefix + "::/64"; }
std::string RunNetwork::Ipv6Gateway() const { return ipv6_prefix + "::1"; }

RunNetwork MakeRunNetwork(std::string_view run_id, int slot, const RunNetworkOptions& options) {
  if (slot < 0 || slot >= kSubnetSlots) throw std::out_of_range("subnet slot");
  RunNetwork net;
  net.name = fmt::format("{}{}", kResourcePrefix, run_id);
  net.run_id = run_id;
  net.bridge = fmt::format("bs-{}", run_id.substr(0, 12));
  net.subnet = slot == 0 ? "198.51.100" : fmt::format("198.18.{}", slot - 1);
  net.gateway = net.subnet + ".1";
  net.slot = slot;
  net.ipv6 = options.ipv6;
  net.dhcp_renewal_seconds = options.dhcp_renewal_seconds;
  net.ipv6_prefix = fmt::format("2001:db8:0:{:x}", slot);
  return net;
}

RunNetworkOptions RunNetworkOptionsFor(const Scenario& scenario) {
  RunNetworkOptions options;
  options.ipv6 = scenario.network.UsesIpv6();
  for (const FaultSpec& f : scenario.faults) {
    if (f.kind == kFaultDhcpRenew) options.dhcp_renewal_seconds = kShortDhcpRenewalSeconds;
  }
  return options;
}

std::string VmMac(std::string_view run_id, int vm, int nic) {
  std::size_t h =
      std::hash<std::string_view>{}(run_id) ^ (static_cast<std::size_t>(vm) * 0x9e3779b1u);
  // The low 14 bits are the VM index and the two above them the NIC, so NICs
  // of one run never collide.
  return fmt::format("52:54:00:{:02x}:{:02x}:{:02x}", (h >> 8) & 0xff,
                     ((nic & 0x3) << 6) | ((vm >> 8) & 0x3f), vm & 0xff);
}

std::vector<std::string> VmMacs(std::string_view run_id, int vm, int nics) {
  std::vector<std::string> macs;
  for (int nic = 0; nic < nics; ++nic) macs.push_back(VmMac(run_id, vm, nic));
  return macs;
}

std::string VmStaticAddress(const RunNetwork& net, int vm, int nic, int nics) {
  int index = vm * nics + nic;
  if (vm < 0 || nic < 0 || index >= kMaxStaticVms)
    throw std::out_of_range(
        fmt::format("static addressing supports at most {} addresses", kMaxStaticVms));
  return fmt::format("{}.{}", net.subnet, 10 + index);
}

std::string VmStaticIpv6(const RunNetwork& net, int vm, int nic) {
  std::string text = fmt::format("{}::1:{:x}:{:x}", net.ipv6_prefix, vm, nic);
  // The canonical form (RFC 5952), as the guest's `ip` prints it.
  in6_addr address{};
  char canonical[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1 ||
      !inet_ntop(AF_INET6, &address, canonical, sizeof canonical))
    throw std::logic_error("bad IPv6 address " + text);
  return canonical;
}

NetworkData BuildNetworkData(const Scenario& scenario, const RunNetwork& net,
                             const std::vector<std::string>& macs, int vm) {
  const std::vector<NicSpec>& nics = scenario.network.nics;
  NetworkData data;
  bool ipv4_route = false, ipv6_route = false;
  for (std::size_t i = 0; i < nics.size(); ++i) {
    if (!nics[i].managed) continue;
    int nic = static_cast<int>(i);
    std::string link = fmt::format("eth{}", nic);
    data.links.push_back(Link{link, "phy", macs.at(i), 0});
    if (nics[i].ipv4 != AddressMode::kOff) {
      NetworkEntry entry{fmt::format("network{}-ipv4", nic), link, "ipv4_dhcp"};
      if (nics[i].ipv4 == AddressMode::kStatic) {
        entry.type = "ipv4";
        entry.ip_address = VmStaticAddress(net, vm, nic, static_cast<int>(nics.size()));
        entry.netmask = "255.255.255.0";
        if (!std::exchange(ipv4_route, true))
          entry.routes.push_back(Route{"0.0.0.0", "0.0.0.0", net.gateway});
      }
      data.networks.push_back(entry);
    }
    if (nics[i].ipv6 != AddressMode::kOff) {
      NetworkEntry entry{fmt::format("network{}-ipv6", nic), link, "ipv6_dhcp"};
      if (nics[i].ipv6 == AddressMode::kStatic) {
        entry.type = "ipv6";
        entry.ip_address = VmStaticIpv6(net, vm, nic) + "/64";
        if (!std::exchange(ipv6_route, true))
          entry.routes.push_back(Route{"::", "::", net.Ipv6Gateway()});
      }
      data.networks.push_back(entry);
    }
  }
  data.dns = scenario.network.dns;
  return data;
}

MetaData BuildMetaData(std::string_view run_id, int vm) {
  return MetaData{fmt::format("{}-vm{}", run_id, vm), fmt::format("vm{}", vm)};
}

}  // namespace bootstorm
