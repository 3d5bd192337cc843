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

const ExpectedInterface kDhcp{"52:54:00:aa:00:01", true, "", "198.51.100.0/24"};
const ExpectedInterface kStatic{"52:54:00:aa:00:02", false, "198.51.100.10/24", "198.51.100.0/24"};

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

TEST(Ipv4InSubnet, Basics) {
  EXPECT_TRUE(Ipv4InSubnet("198.51.100.7/24", "198.51.100.0/24"));
  EXPECT_FALSE(Ipv4InSubnet("198.51.101.7/24", "198.51.100.0/24"));
  EXPECT_TRUE(Ipv4InSubnet("10.1.2.3/8", "0.0.0.0/0"));
  EXPECT_FALSE(Ipv4InSubnet("garbage", "198.51.100.0/24"));
  EXPECT_FALSE(Ipv4InSubnet("198.51.100.7/99", "198.51.100.0/24"));
}

}  // namespace
}  // namespace bootstorm
