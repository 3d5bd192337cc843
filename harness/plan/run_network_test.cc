#include "run_network.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

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

TEST(GuestNetwork, ShortRenewalsForDhcpRenewFaults) {
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

}  // namespace
}  // namespace bootstorm
