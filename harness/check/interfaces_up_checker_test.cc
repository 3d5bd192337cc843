#include "interfaces_up_checker.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Observation Final(std::vector<DeviceState> devices) {
  Observation o;
  o.checkpoint = std::string(kCheckpointFinal);
  o.devices = std::move(devices);
  return o;
}

const ExpectedInterface kDhcp{"52:54:00:aa:00:01", {true, "", "198.51.100.0/24"}, {}};
const ExpectedInterface kStatic{
    "52:54:00:aa:00:02", {true, "198.51.100.10/24", "198.51.100.0/24"}, {}};
const ExpectedInterface kDualStack{"52:54:00:aa:00:03",
                                   {true, "", "198.51.100.0/24"},
                                   {true, "2001:db8:0:0::1:0:1/64", "2001:db8:0:0::/64"}};

TEST(InterfacesUpChecker, DhcpLeaseInSubnetPasses) {
  BootExpectation e{1, {}, {kDhcp}};
  CheckResult r = InterfacesUpChecker().Check(
      e, {Final({{"enp1s0", kDhcp.mac, "connected", {"198.51.100.120/24"}, {}}})});
  EXPECT_TRUE(r.passed) << r.message;
}

TEST(InterfacesUpChecker, StaticAddressMustMatchExactly) {
  BootExpectation e{1, {}, {kStatic}};
  EXPECT_TRUE(
      InterfacesUpChecker()
          .Check(e, {Final({{"enp1s0", kStatic.mac, "connected", {"198.51.100.10/24"}, {}}})})
          .passed);
  CheckResult r = InterfacesUpChecker().Check(
      e, {Final({{"enp1s0", kStatic.mac, "connected", {"198.51.100.11/24"}, {}}})});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("expected 198.51.100.10/24"), std::string::npos) << r.message;
}

TEST(InterfacesUpChecker, DisconnectedOrMissingInterfaceFails) {
  BootExpectation e{1, {}, {kDhcp}};
  CheckResult r =
      InterfacesUpChecker().Check(e, {Final({{"enp1s0", kDhcp.mac, "disconnected", {}, {}}})});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("disconnected"), std::string::npos);
  r = InterfacesUpChecker().Check(e, {Final({})});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("no interface with MAC"), std::string::npos);
  EXPECT_FALSE(InterfacesUpChecker().Check(e, {}).passed);
}

TEST(InterfacesUpChecker, LeaseOutsideSubnetFails) {
  BootExpectation e{1, {}, {kDhcp}};
  EXPECT_FALSE(InterfacesUpChecker()
                   .Check(e, {Final({{"enp1s0", kDhcp.mac, "connected", {"10.0.2.15/24"}, {}}})})
                   .passed);
}

TEST(InterfacesUpChecker, BothFamiliesAreChecked) {
  BootExpectation e{1, {}, {kDualStack}};
  DeviceState d{"enp2s0", kDualStack.mac, "connected", {"198.51.100.150/24"}, {}};
  CheckResult r = InterfacesUpChecker().Check(e, {Final({d})});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("IPv6 [], expected 2001:db8:0:0::1:0:1/64"), std::string::npos)
      << r.message;
  d.ipv6 = {"2001:db8::1:0:1/64"};  // as `ip` prints it
  r = InterfacesUpChecker().Check(e, {Final({d})});
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected[0]["ipv6"], "2001:db8:0:0::1:0:1/64");
}

TEST(AddressInSubnet, Basics) {
  EXPECT_TRUE(AddressInSubnet("198.51.100.7/24", "198.51.100.0/24"));
  EXPECT_FALSE(AddressInSubnet("198.51.101.7/24", "198.51.100.0/24"));
  EXPECT_TRUE(AddressInSubnet("10.1.2.3/8", "0.0.0.0/0"));
  EXPECT_FALSE(AddressInSubnet("garbage", "198.51.100.0/24"));
  EXPECT_FALSE(AddressInSubnet("198.51.100.7/99", "198.51.100.0/24"));
  EXPECT_TRUE(AddressInSubnet("2001:db8:0:3::1a4/128", "2001:db8:0:3::/64"));
  EXPECT_FALSE(AddressInSubnet("2001:db8:0:4::1a4/128", "2001:db8:0:3::/64"));
  EXPECT_FALSE(AddressInSubnet("2001:db8:0:3::1a4/64", "198.51.100.0/24"));
}

}  // namespace
}  // namespace bootstorm
