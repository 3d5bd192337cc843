#include "guest_network.h"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

#include "xml_escape.h"

namespace bootstorm {

RunNetwork MakeRunNetwork(std::string_view run_id, int slot) {
  if (slot < 0 || slot >= kSubnetSlots) throw std::out_of_range("subnet slot");
  RunNetwork net;
  net.name = fmt::format("bootstorm-{}", run_id);
  net.bridge = fmt::format("bs-{}", run_id.substr(0, 12));
  net.subnet = slot == 0 ? "198.51.100" : fmt::format("198.18.{}", slot - 1);
  net.gateway = net.subnet + ".1";
  net.slot = slot;
  return net;
}

std::string RunNetworkXml(const RunNetwork& net) {
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
      "  <bridge name='{}' stp='off' delay='0'/>\n"
      "  <ip address='{}' prefix='{}'>\n"
      "    <dhcp>{}</dhcp>\n"
      "  </ip>\n"
      "{}"
      "</network>\n",
      XmlEscape(net.name), XmlEscape(net.bridge), XmlEscape(net.gateway), net.prefix, range,
      dnsmasq_options);
}

int DhcpRenewalSecondsFor(const Scenario& scenario) {
  for (const FaultSpec& f : scenario.faults) {
    if (f.kind == kFaultDhcpRenew) return kShortDhcpRenewalSeconds;
  }
  return 0;
}

namespace {

bool IsSubnetClash(const std::string& libvirt_error) {
  return libvirt_error.find("in use") != std::string::npos;
}

}  // namespace

RunNetwork CreateRunNetwork(Hypervisor& hv, std::string_view run_id, int dhcp_renewal_seconds) {
  std::string last_error;
  for (int slot = 0; slot < kSubnetSlots; ++slot) {
    RunNetwork net = MakeRunNetwork(run_id, slot);
    net.dhcp_renewal_seconds = dhcp_renewal_seconds;
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
                                  int dhcp_renewal_seconds) {
  RunNetwork net = MakeRunNetwork(run_id, slot);
  net.dhcp_renewal_seconds = dhcp_renewal_seconds;
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

std::string VmMac(std::string_view run_id, int vm) {
  std::size_t h =
      std::hash<std::string_view>{}(run_id) ^ (static_cast<std::size_t>(vm) * 0x9e3779b1u);
  // The low 16 bits are the VM index, so VMs of one run never collide.
  return fmt::format("52:54:00:{:02x}:{:02x}:{:02x}", (h >> 8) & 0xff, (vm >> 8) & 0xff, vm & 0xff);
}

std::string VmStaticAddress(const RunNetwork& net, int vm) {
  if (vm < 0 || vm >= kMaxStaticVms)
    throw std::out_of_range(
        fmt::format("static addressing supports at most {} VMs", kMaxStaticVms));
  return fmt::format("{}.{}", net.subnet, 10 + vm);
}

NetworkData BuildNetworkData(const Scenario& scenario, const RunNetwork& net, std::string_view mac,
                             int vm) {
  NetworkData data;
  data.links.push_back(Link{"eth0", "phy", std::string(mac), 0});
  NetworkEntry entry;
  entry.id = "network0";
  entry.link = "eth0";
  if (scenario.network.dhcp) {
    entry.type = "ipv4_dhcp";
  } else {
    entry.type = "ipv4";
    entry.ip_address = VmStaticAddress(net, vm);
    entry.netmask = "255.255.255.0";
    entry.routes.push_back(Route{"0.0.0.0", "0.0.0.0", net.gateway});
  }
  data.networks.push_back(entry);
  data.dns = scenario.network.dns;
  return data;
}

MetaData BuildMetaData(std::string_view run_id, int vm) {
  return MetaData{fmt::format("{}-vm{}", run_id, vm), fmt::format("vm{}", vm)};
}

}  // namespace bootstorm
