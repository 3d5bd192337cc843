#include "guest_network.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <functional>
#include <stdexcept>
#include <utility>

#include "garbage_collector.h"
#include "ownership_mark.h"
#include "xml_escape.h"

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

std::string RunNetworkXml(const RunNetwork& net) {
  // libvirt's dnsmasq also sends router advertisements on an IPv6 network;
  // with a DHCPv6 range they tell guests to use DHCPv6 (managed flag).
  std::string ipv6 = net.ipv6 ? fmt::format(
                                    "  <ip family='ipv6' address='{}' prefix='64'>\n"
                                    "    <dhcp><range start='{}::100' end='{}::1ff'/></dhcp>\n"
                                    "  </ip>\n",
                                    XmlEscape(net.Ipv6Gateway()), XmlEscape(net.ipv6_prefix),
                                    XmlEscape(net.ipv6_prefix))
                              : "";
  // Short renewals: dnsmasq's shortest lease, and T1 through dnsmasq's own
  // option (libvirt has no element for it; dnsmasq >= 2.79 lets dhcp-option
  // set T1).
  std::string range = fmt::format("<range start='{}' end='{}'", XmlEscape(net.subnet + ".100"),
                                  XmlEscape(net.subnet + ".254"));
  std::string dnsmasq_options;
  if (net.dhcp_renewal_seconds == 0) {
    range += "/>";
  } else {
    range += "><lease expiry='2' unit='minutes'/></range>";
    dnsmasq_options = fmt::format(
        "  <dnsmasq:options>\n"
        "    <dnsmasq:option value='dhcp-option=option:T1,{}'/>\n"
        "  </dnsmasq:options>\n",
        net.dhcp_renewal_seconds);
  }
  return fmt::format(
      "<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>\n"
      "  <name>{}</name>\n"
      "  {}\n"
      "  <bridge name='{}' stp='off' delay='0'/>\n"
      "  <ip address='{}' prefix='{}'>\n"
      "    <dhcp>{}</dhcp>\n"
      "  </ip>\n"
      "{}"
      "{}"
      "</network>\n",
      XmlEscape(net.name), OwnershipMetadataXml(net.run_id), XmlEscape(net.bridge),
      XmlEscape(net.gateway), net.prefix, range, ipv6, dnsmasq_options);
}

RunNetworkOptions RunNetworkOptionsFor(const Scenario& scenario) {
  RunNetworkOptions options;
  options.ipv6 = scenario.network.UsesIpv6();
  for (const FaultSpec& f : scenario.faults) {
    if (f.kind == kFaultDhcpRenew) options.dhcp_renewal_seconds = kShortDhcpRenewalSeconds;
  }
  return options;
}

namespace {

bool IsSubnetClash(const std::string& libvirt_error) {
  return libvirt_error.find("in use") != std::string::npos;
}

}  // namespace

RunNetwork CreateRunNetwork(Hypervisor& hv, std::string_view run_id,
                            const RunNetworkOptions& options) {
  std::string last_error;
  for (int slot = 0; slot < kSubnetSlots; ++slot) {
    RunNetwork net = MakeRunNetwork(run_id, slot, options);
    try {
      hv.CreateNetwork(RunNetworkXml(net));
      return net;
    } catch (const std::exception& e) {
      last_error = e.what();
      if (!IsSubnetClash(last_error)) break;  // not a clash: give up
    }
  }
  throw std::runtime_error("creating the run network: " + last_error);
}

RunNetwork CreateRunNetworkInSlot(Hypervisor& hv, std::string_view run_id, int slot,
                                  const RunNetworkOptions& options) {
  RunNetwork net = MakeRunNetwork(run_id, slot, options);
  try {
    hv.CreateNetwork(RunNetworkXml(net));
    return net;
  } catch (const std::exception& e) {
    std::string why = fmt::format(
        "creating the run network in {}.0/{}, the subnet the run's guests were given: {}",
        net.subnet, net.prefix, e.what());
    if (IsSubnetClash(e.what()))
      throw SubnetInUseError(why + " (another network holds it; resume once it is gone)");
    throw std::runtime_error(why);
  }
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
