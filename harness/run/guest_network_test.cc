#include "guest_network.h"

#include <gtest/gtest.h>

#include "ownership_mark.h"
#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

TEST(GuestNetwork, XmlIsIsolatedWithDhcp) {
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 3));
  EXPECT_EQ(xml.find("<forward"), std::string::npos);  // no NAT, no routing
  EXPECT_NE(xml.find("<range start='198.18.2.100' end='198.18.2.254'/>"), std::string::npos);
}

TEST(GuestNetwork, XmlCarriesTheOwnershipMarkOfItsRun) {
  EXPECT_EQ(RunIdOfMarkIn(RunNetworkXml(MakeRunNetwork("0d89c574", 3))), "0d89c574");
}

TEST(GuestNetwork, ShortRenewalsForDhcpRenewFaults) {
  EXPECT_EQ(RunNetworkXml(MakeRunNetwork("0d89c574")).find("T1"), std::string::npos);
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 0, {.dhcp_renewal_seconds = 10}));
  EXPECT_NE(xml.find("<lease expiry='2' unit='minutes'/></range>"), std::string::npos);
  EXPECT_NE(xml.find("<dnsmasq:option value='dhcp-option=option:T1,10'/>"), std::string::npos);

  Scenario scenario;
  EXPECT_EQ(RunNetworkOptionsFor(scenario).dhcp_renewal_seconds, 0);
  FaultSpec renew;
  renew.kind = std::string(kFaultDhcpRenew);
  renew.probability = 0.5;
  scenario.faults.push_back(renew);
  EXPECT_EQ(RunNetworkOptionsFor(scenario).dhcp_renewal_seconds, kShortDhcpRenewalSeconds);
}

/// Creates networks, or refuses them with `refusal`.
class RefusingHypervisor : public UnusedHypervisor {
 public:
  std::string refusal;
  void CreateNetwork(const std::string&) override {
    if (!refusal.empty()) throw std::runtime_error(refusal);
  }
};

TEST(GuestNetwork, InSlotTellsASubnetInUseFromOtherErrors) {
  RefusingHypervisor hv;
  EXPECT_EQ(CreateRunNetworkInSlot(hv, "0d89c574", 3).gateway, "198.18.2.1");
  hv.refusal = "network is already in use by interface virbr0";
  try {
    CreateRunNetworkInSlot(hv, "0d89c574", 3);
    FAIL() << "no error";
  } catch (const SubnetInUseError& e) {
    EXPECT_NE(std::string(e.what()).find("198.18.2.0/24"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("resume once it is gone"), std::string::npos);
  }
  hv.refusal = "daemon gone";
  try {
    CreateRunNetworkInSlot(hv, "0d89c574", 3);
    FAIL() << "no error";
  } catch (const SubnetInUseError&) {
    FAIL() << "not a clash";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("daemon gone"), std::string::npos) << e.what();
  }
}

TEST(GuestNetwork, Ipv6NetworkXmlOnlyWhenAsked) {
  EXPECT_EQ(RunNetworkXml(MakeRunNetwork("0d89c574", 0)).find("ipv6"), std::string::npos);
  std::string xml = RunNetworkXml(MakeRunNetwork("0d89c574", 3, {.ipv6 = true}));
  EXPECT_NE(xml.find("<ip family='ipv6' address='2001:db8:0:3::1' prefix='64'>"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<range start='2001:db8:0:3::100' end='2001:db8:0:3::1ff'/>"),
            std::string::npos);
}

}  // namespace
}  // namespace bootstorm
