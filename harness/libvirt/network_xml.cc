#include "network_xml.h"

#include <fmt/format.h>

#include "ownership_mark.h"
#include "xml_escape.h"

namespace bootstorm {

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

}  // namespace bootstorm
