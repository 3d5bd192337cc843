#include "network_data.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

NetworkData SampleNetworkData() {
  NetworkData n;
  n.links = {{"eth0", "phy", "52:54:00:12:34:56", 1500}, {"eth1", "phy", "52:54:00:ab:cd:ef", 0}};
  n.networks = {
      {"net0",
       "eth0",
       "ipv4",
       "198.51.100.20",
       "255.255.255.0",
       {{"0.0.0.0", "0.0.0.0", "198.51.100.1"}}},
      {"net1", "eth1", "ipv4_dhcp", "", "", {}},
      {"net2", "eth0", "ipv6", "2001:db8::20/64", "", {}},
  };
  n.dns = {{"192.0.2.53", "192.0.2.54"}, {"example.test"}};
  return n;
}

std::string ErrorOf(std::string_view text) {
  try {
    ParseNetworkData(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(NetworkData, JsonRoundTrip) {
  NetworkData n = SampleNetworkData();
  EXPECT_EQ(ParseNetworkData(ToJson(n).dump()), n);
}

TEST(NetworkData, EachNetworkCarriesTheNameServersAsNovaWritesThem) {
  NetworkData n = SampleNetworkData();
  nlohmann::json j = ToJson(n);
  ASSERT_FALSE(n.dns.nameservers.empty());
  for (const nlohmann::json& network : j["networks"]) EXPECT_EQ(network["services"], j["services"]);
}

TEST(NetworkData, ReadsOpenStackFileWithExtraKeysAndNullMtu) {
  NetworkData n = ParseNetworkData(R"({
    "links": [{"id": "tap1", "vif_id": "x", "type": "ovs",
               "ethernet_mac_address": "FA:16:3E:00:00:01", "mtu": null}],
    "networks": [{"id": "network0", "network_id": "y", "link": "tap1", "type": "ipv4_dhcp"}],
    "services": [{"type": "dns", "address": "192.0.2.1"}, {"type": "ntp", "address": "n"}]})");
  ASSERT_EQ(n.links.size(), 1u);
  EXPECT_EQ(n.links[0].mac, "fa:16:3e:00:00:01");
  EXPECT_EQ(n.links[0].mtu, 0);
  EXPECT_EQ(n.dns.nameservers, std::vector<std::string>{"192.0.2.1"});
}

TEST(NetworkData, ErrorsNameTheJsonPath) {
  EXPECT_EQ(
      ErrorOf(R"({"links": [], "networks": [{"id": "n", "link": "x", "type": "ipv4_dhcp"}]})"),
      "network_data.networks[0].link: no such link 'x'");
  EXPECT_EQ(ErrorOf(R"({"links": [{"id": "a", "type": "phy", "ethernet_mac_address": "zz"}],
                        "networks": []})"),
            "network_data.links[0].ethernet_mac_address: 'zz' is not a MAC address");
  EXPECT_EQ(ErrorOf(R"({"links": [{"id": "../x", "type": "phy",
                        "ethernet_mac_address": "52:54:00:00:00:01"}], "networks": []})")
                .substr(0, 26),
            "network_data.links[0].id: ");
  EXPECT_EQ(ErrorOf(R"({"links": [{"id": "b", "type": "bond",
                        "ethernet_mac_address": "52:54:00:00:00:01"}], "networks": []})"),
            "network_data.links[0].type: only physical links are supported, got 'bond'");
  EXPECT_EQ(ErrorOf(R"({"links": []})"), "network_data.networks: missing");
  EXPECT_EQ(ErrorOf("{"), "network_data: malformed JSON at byte 2");
}

TEST(NetworkData, RejectsDuplicateLinksAndIncompleteStaticNetworks) {
  const std::string link =
      R"({"id": "a", "type": "phy", "ethernet_mac_address": "52:54:00:00:00:01"})";
  EXPECT_EQ(ErrorOf(R"({"links": [)" + link + "," + link + R"(], "networks": []})"),
            "network_data.links[1].id: duplicate link id 'a'");
  EXPECT_EQ(ErrorOf(R"({"links": [)" + link +
                    R"(], "networks": [{"id": "n", "link": "a", "type": "ipv4",
                        "ip_address": "198.51.100.2"}]})"),
            "network_data.networks[0].netmask: missing");
  EXPECT_EQ(ErrorOf(R"({"links": [)" + link +
                    R"(], "networks": [{"id": "n", "link": "a", "type": "ipv6",
                        "ip_address": "2001:db8::2"}]})"),
            "network_data.networks[0].ip_address: static ipv6 needs address/prefix");
}

TEST(MetaData, ReadsUuidAndHostnameIgnoringTheRest) {
  EXPECT_EQ(ParseMetaData(R"({"uuid": "u-1", "hostname": "vm1", "launch_index": 0})"),
            (MetaData{"u-1", "vm1"}));
  EXPECT_EQ(ParseMetaData(ToJson(MetaData{"u", "h"}).dump()), (MetaData{"u", "h"}));
  EXPECT_THROW(ParseMetaData(R"({"hostname": "vm1"})"), std::invalid_argument);
}

TEST(Ipv4PrefixLength, AcceptsContiguousDottedQuadsOnly) {
  EXPECT_EQ(Ipv4PrefixLength("255.255.255.0"), 24);
  EXPECT_EQ(Ipv4PrefixLength("0.0.0.0"), 0);
  EXPECT_EQ(Ipv4PrefixLength("255.255.255.255"), 32);
  EXPECT_EQ(Ipv4PrefixLength("255.255.128.0"), 17);
  EXPECT_EQ(Ipv4PrefixLength("255.0.255.0"), std::nullopt);
  EXPECT_EQ(Ipv4PrefixLength("255.255.255"), std::nullopt);
  EXPECT_EQ(Ipv4PrefixLength("255.255.255.0."), std::nullopt);
  EXPECT_EQ(Ipv4PrefixLength("256.0.0.0"), std::nullopt);
  EXPECT_EQ(Ipv4PrefixLength("24"), std::nullopt);
}

// Found in issue 17: the config drive's DNS reached resolv.conf unchecked.
TEST(NetworkData, RejectsNameServersAndSearchDomainsThatAreNotAddressesOrNames) {
  nlohmann::json j = ToJson(SampleNetworkData());
  j["services"][1]["address"] = std::string("192.0.2.53\0x", 12);
  EXPECT_NE(ErrorOf(j.dump()).find("network_data.services[1].address: "), std::string::npos)
      << ErrorOf(j.dump());
  j = ToJson(SampleNetworkData());
  j["dns_search"] = {"ok.test", "a\nnameserver 6.6.6.6"};
  EXPECT_NE(ErrorOf(j.dump()).find("network_data.dns_search[1]: "), std::string::npos)
      << ErrorOf(j.dump());
}

}  // namespace
}  // namespace bootstorm
