#include "nm_keyfile.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(RenderKeyfiles, DhcpLink) {
  NetworkData data;
  data.links = {{"eth0", "phy", "52:54:00:12:34:56", 0}};
  data.networks = {{"net0", "eth0", "ipv4_dhcp", "", "", {}}};
  data.dns = {{"192.0.2.53"}, {"example.test"}};
  std::vector<RenderedConnection> rendered = RenderKeyfiles(data);
  ASSERT_EQ(rendered.size(), 1u);
  EXPECT_EQ(rendered[0].id, "bootstorm-eth0");
  EXPECT_EQ(rendered[0].file_name, "bootstorm-eth0.nmconnection");
  EXPECT_EQ(rendered[0].content,
            "[connection]\n"
            "id=bootstorm-eth0\n"
            "uuid=" +
                ConnectionUuid("bootstorm-eth0") +
                "\n"
                "type=ethernet\n"
                "autoconnect=true\n"
                "\n"
                "[ethernet]\n"
                "mac-address=52:54:00:12:34:56\n"
                "\n"
                "[ipv4]\n"
                "method=auto\n"
                "\n"
                "[ipv6]\n"
                "method=ignore\n");
  // The agent owns DNS: name servers never reach the keyfile.
  EXPECT_EQ(rendered[0].content.find("dns"), std::string::npos);
}

TEST(RenderKeyfiles, StaticWithGatewayRoutesAndIpv6) {
  NetworkData data;
  data.links = {{"eth0", "phy", "52:54:00:12:34:56", 1400}};
  data.networks = {
      {"net0",
       "eth0",
       "ipv4",
       "198.51.100.20",
       "255.255.255.0",
       {{"0.0.0.0", "0.0.0.0", "198.51.100.1"},
        {"203.0.113.0", "255.255.255.128", "198.51.100.2"}}},
      {"net1", "eth0", "ipv4", "198.51.100.21", "255.255.255.0", {}},
      {"net2", "eth0", "ipv6", "2001:db8::20/64", "", {{"::", "::", "2001:db8::1"}}},
  };
  std::string content = RenderKeyfiles(data).at(0).content;
  EXPECT_NE(content.find("mtu=1400\n"), std::string::npos);
  EXPECT_NE(content.find("[ipv4]\n"
                         "method=manual\n"
                         "may-fail=false\n"
                         "address1=198.51.100.20/24,198.51.100.1\n"
                         "address2=198.51.100.21/24\n"
                         "route1=203.0.113.0/25,198.51.100.2\n"),
            std::string::npos)
      << content;
  EXPECT_NE(
      content.find("[ipv6]\nmethod=manual\nmay-fail=false\naddress1=2001:db8::20/64,2001:db8::1\n"),
      std::string::npos)
      << content;
}

TEST(RenderKeyfiles, MacIsLowerCasedAndLinksWithoutNetworksAreDisabled) {
  NetworkData data;
  data.links = {{"eth0", "phy", "52:54:00:AB:CD:EF", 0}, {"eth1", "phy", "52:54:00:00:00:02", 0}};
  data.networks = {{"net0", "eth1", "ipv6_slaac", "", "", {}}};
  std::vector<RenderedConnection> rendered = RenderKeyfiles(data);
  ASSERT_EQ(rendered.size(), 2u);
  EXPECT_NE(rendered[0].content.find("mac-address=52:54:00:ab:cd:ef\n"), std::string::npos);
  EXPECT_NE(rendered[0].content.find("[ipv4]\nmethod=disabled\n"), std::string::npos);
  EXPECT_NE(rendered[1].content.find("[ipv6]\nmethod=auto\n"), std::string::npos);
}

TEST(ConnectionUuid, IsStableDistinctAndWellFormed) {
  EXPECT_EQ(ConnectionUuid("bootstorm-eth0"), ConnectionUuid("bootstorm-eth0"));
  EXPECT_NE(ConnectionUuid("bootstorm-eth0"), ConnectionUuid("bootstorm-eth1"));
  std::string uuid = ConnectionUuid("bootstorm-eth0");
  ASSERT_EQ(uuid.size(), 36u);
  EXPECT_EQ(uuid[14], '8');
  EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos);
}

}  // namespace
}  // namespace bootstorm
