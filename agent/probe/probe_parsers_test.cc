#include "probe_parsers.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

// Trimmed output of iproute2 6.1 (Debian 12) in a guest.
constexpr std::string_view kIpAddr = R"([
 {"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,
  "link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00",
  "addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"},
               {"family":"inet6","local":"::1","prefixlen":128,"scope":"host"}]},
 {"ifindex":2,"ifname":"enp0s3","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,
  "link_type":"ether","address":"52:54:00:12:34:56","broadcast":"ff:ff:ff:ff:ff:ff",
  "addr_info":[{"family":"inet","local":"10.0.2.15","prefixlen":24,"broadcast":"10.0.2.255",
                "scope":"global","dynamic":true,"label":"enp0s3"},
               {"family":"inet6","local":"2001:db8::5","prefixlen":64,"scope":"global"},
               {"family":"inet6","local":"fe80::5054:ff:fe12:3456","prefixlen":64,"scope":"link"}]},
 {"ifindex":3,"ifname":"enp0s4","flags":["BROADCAST","MULTICAST"],"mtu":1500,
  "link_type":"ether","address":"52:54:00:12:34:57","addr_info":[]}
])";

TEST(ParseIpAddrJson, SkipsLoopbackAndLinkLocalIpv6) {
  std::vector<DeviceState> devices = ParseIpAddrJson(kIpAddr);
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0],
            (DeviceState{"enp0s3", "52:54:00:12:34:56", "", {"10.0.2.15/24"}, {"2001:db8::5/64"}}));
  EXPECT_EQ(devices[1], (DeviceState{"enp0s4", "52:54:00:12:34:57", "", {}, {}}));
}

TEST(ParseIpAddrJson, RejectsNonJson) {
  EXPECT_THROW(ParseIpAddrJson("Error: ..."), std::invalid_argument);
  EXPECT_THROW(ParseIpAddrJson("{}"), std::invalid_argument);
}

TEST(LastLines, KeepsTheLastNonEmptyLinesCut) {
  EXPECT_EQ(LastLines("a\n\nbbbb\ncc\n", 2, 3), (std::vector<std::string>{"bbb", "cc"}));
  EXPECT_EQ(LastLines("one", 5, 100), std::vector<std::string>{"one"});
  EXPECT_TRUE(LastLines("", 5, 100).empty());
}

}  // namespace
}  // namespace bootstorm
