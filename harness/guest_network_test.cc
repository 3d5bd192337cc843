#include "guest_network.h"

#include <gtest/gtest.h>

#include <set>

#include "ownership_mark.h"
#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

TEST(GuestNetwork, SlotZeroIsTheDocumentationRangeOthersBenchmarking) {
  RunNetwork first = MakeRunNetwork("0d89c574");
  EXPECT_EQ(first.name, "bootstorm-0d89c574");
  EXPECT_EQ(first.gateway, "198.51.100.1");
  EXPECT_LE(first.bridge.size(), 15u);
  EXPECT_EQ(MakeRunNetwork("0d89c574", 1).gateway, "198.18.0.1");
  EXPECT_EQ(MakeRunNetwork("0d89c574", kSubnetSlots - 1).gateway, "198.18.255.1");
  EXPECT_THROW(MakeRunNetwork("0d89c574", kSubnetSlots), std::out_of_range);
}

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

TEST(GuestNetwork, StaticAddressesStayBelowTheDhcpRange) {
  RunNetwork net = MakeRunNetwork("0d89c574", 2);
  EXPECT_EQ(VmStaticAddress(net, 0), "198.18.1.10");
  EXPECT_EQ(VmStaticAddress(net, kMaxStaticVms - 1), "198.18.1.99");
  EXPECT_THROW(VmStaticAddress(net, kMaxStaticVms), std::out_of_range);
}

TEST(GuestNetwork, MacsAreUniqueWithinARun) {
  std::set<std::string> macs;
  for (int nic = 1; nic < kMaxNics; ++nic) macs.insert(VmMac("0d89c574", 999, nic));
  for (int vm = 0; vm < 1000; ++vm) macs.insert(VmMac("0d89c574", vm));
  EXPECT_EQ(macs.size(), 1000u + kMaxNics - 1);
  EXPECT_TRUE(VmMac("0d89c574", 0).starts_with("52:54:00:"));
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

TEST(GuestNetwork, StaticNetworkDataRoutesViaTheGateway) {
  Scenario s;
  s.network.nics = {{AddressMode::kStatic}};
  s.network.dns = {{"192.0.2.53"}, {}};
  RunNetwork net = MakeRunNetwork("0d89c574", 1);
  NetworkData data = BuildNetworkData(s, net, {"52:54:00:00:00:01"}, 3);
  ASSERT_EQ(data.networks.size(), 1u);
  EXPECT_EQ(data.networks[0].ip_address, "198.18.0.13");
  ASSERT_EQ(data.networks[0].routes.size(), 1u);
  EXPECT_EQ(data.networks[0].routes[0].gateway, "198.18.0.1");
  EXPECT_EQ(data.dns, s.network.dns);
}

TEST(GuestNetwork, SeveralNicsBothFamiliesAndAnUnmanagedOne) {
  Scenario s;
  s.network.nics = {{AddressMode::kDhcp, AddressMode::kStatic},
                    {AddressMode::kStatic, AddressMode::kDhcp},
                    {AddressMode::kDhcp, AddressMode::kOff, false}};
  s.network.dns = {{"192.0.2.53", "2001:db8::53"}, {}};
  RunNetwork net = MakeRunNetwork("0d89c574", 2, {.ipv6 = true});
  std::vector<std::string> macs = VmMacs("0d89c574", 4, 3);
  NetworkData data = BuildNetworkData(s, net, macs, 4);
  // The unmanaged NIC is not on the drive: the agent leaves it alone.
  ASSERT_EQ(data.links.size(), 2u);
  EXPECT_EQ(data.links[1].mac, macs[1]);
  ASSERT_EQ(data.networks.size(), 4u);
  EXPECT_EQ(data.networks[0].type, "ipv4_dhcp");
  EXPECT_EQ(data.networks[1].type, "ipv6");
  EXPECT_EQ(data.networks[1].ip_address, "2001:db8:0:2:0:1:4:0/64");
  ASSERT_EQ(data.networks[1].routes.size(), 1u);
  EXPECT_EQ(data.networks[1].routes[0].gateway, "2001:db8:0:2::1");
  EXPECT_EQ(data.networks[2].type, "ipv4");
  EXPECT_EQ(data.networks[2].link, "eth1");
  EXPECT_EQ(data.networks[2].ip_address, "198.18.1.23");  // .10 + vm 4 * 3 NICs + NIC 1
  EXPECT_EQ(data.networks[2].routes.size(), 1u);
  EXPECT_EQ(data.networks[3].type, "ipv6_dhcp");
  // The drive parses back as the agent reads it.
  EXPECT_EQ(ParseNetworkData(ToJson(data).dump()), data);
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
