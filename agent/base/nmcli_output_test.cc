#include "nmcli_output.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(ParseNmcliDeviceStates, ReadsTerseLinesWithEscapes) {
  EXPECT_EQ(ParseNmcliDeviceStates("enp0s3:connected\nlo:unmanaged\nodd\\:name:disconnected\n\n"),
            (std::map<std::string, std::string>{
                {"enp0s3", "connected"}, {"lo", "unmanaged"}, {"odd:name", "disconnected"}}));
  EXPECT_EQ(
      ParseNmcliDeviceStates("enp0s3:connecting (getting IP configuration)\n"),
      (std::map<std::string, std::string>{{"enp0s3", "connecting (getting IP configuration)"}}));
}

TEST(ParseActiveEthernetUuids, KeepsEthernetOnly) {
  EXPECT_EQ(ParseActiveEthernetUuids("5f0c7e0a-1111-4a5e-9d3b-000000000001:802-3-ethernet\n"
                                     "lo-uuid:loopback\n"
                                     "5f0c7e0a-2222-4a5e-9d3b-000000000002:802-3-ethernet\n"
                                     "garbage\n"),
            (std::vector<std::string>{"5f0c7e0a-1111-4a5e-9d3b-000000000001",
                                      "5f0c7e0a-2222-4a5e-9d3b-000000000002"}));
  EXPECT_TRUE(ParseActiveEthernetUuids("").empty());
}

TEST(ParseDhcp4Expiry, ReadsTheLeaseExpiry) {
  EXPECT_EQ(ParseDhcp4Expiry("DHCP4.OPTION[1]:broadcast_address = 198.51.100.255\n"
                             "DHCP4.OPTION[4]:expiry = 1732511111\n"
                             "DHCP4.OPTION[5]:host_name = vm0\n"),
            1732511111);
  EXPECT_EQ(ParseDhcp4Expiry(""), std::nullopt);
  EXPECT_EQ(ParseDhcp4Expiry("DHCP4.OPTION[4]:expiry = soon\n"), std::nullopt);
  EXPECT_EQ(ParseDhcp4Expiry("GENERAL.DEVICE:expiry = 5\n"), std::nullopt);
}

}  // namespace
}  // namespace bootstorm
