#include "network_xml.h"

#include <gtest/gtest.h>

#include "ownership_mark.h"

namespace bootstorm {
namespace {

TEST(RunNetworkXml, IsIsolatedWithDhcp) {
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 3));
  EXPECT_EQ(xml.find("<forward"), std::string::npos);  // no NAT, no routing
  EXPECT_NE(xml.find("<range start='198.18.2.100' end='198.18.2.254'/>"), std::string::npos);
}

TEST(RunNetworkXml, CarriesTheOwnershipMarkOfItsRun) {
  EXPECT_EQ(RunIdOfMarkIn(RunNetworkXml(MakeRunNetwork("0d89c574", 3))), "0d89c574");
}

TEST(RunNetworkXml, ShortRenewalsForDhcpRenewFaults) {
  EXPECT_EQ(RunNetworkXml(MakeRunNetwork("0d89c574")).find("T1"), std::string::npos);
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 0, {.dhcp_renewal_seconds = 10}));
  EXPECT_NE(xml.find("<lease expiry='2' unit='minutes'/></range>"), std::string::npos);
  EXPECT_NE(xml.find("<dnsmasq:option value='dhcp-option=option:T1,10'/>"), std::string::npos);
}

TEST(RunNetworkXml, Ipv6OnlyWhenAsked) {
  EXPECT_EQ(RunNetworkXml(MakeRunNetwork("0d89c574", 0)).find("ipv6"), std::string::npos);
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 3, {.ipv6 = true}));
  EXPECT_NE(xml.find("<ip family='ipv6' address='2001:db8:0:3::1' prefix='64'>"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<range start='2001:db8:0:3::100' end='2001:db8:0:3::1ff'/>"),
            std::string::npos);
}

}  // namespace
}  // namespace bootstorm
