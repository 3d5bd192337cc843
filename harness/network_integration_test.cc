// The scenario's network on real VMs (CTest label "integration"): several
// NICs, static and DHCP addressing of both families, and a NIC the agent
// does not manage.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

const nlohmann::json* DeviceWithMac(const nlohmann::json& observation, const std::string& mac) {
  for (const auto& d : observation["devices"]) {
    if (d["mac"] == mac) return &d;
  }
  return nullptr;
}

bool HasAddressStartingWith(const nlohmann::json& addresses, const std::string& prefix) {
  return std::any_of(addresses.begin(), addresses.end(), [&](const nlohmann::json& a) {
    return a.get<std::string>().starts_with(prefix);
  });
}

TEST(NetworkIntegration, ThreeNicsBothFamiliesAndAnUnmanagedNicPass) {
  ScenarioRun run = RunScenario("multi-nic", "multi-nic.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  auto boots = Boots(run.results);
  ASSERT_EQ(boots.size(), 2u);
  for (const auto& [vm, boot] : boots) {
    EXPECT_EQ(boot["outcome"], "pass") << boot.dump(2);
    const nlohmann::json* interfaces = nullptr;
    for (const auto& check : boot["checks"]) {
      if (check["name"] == "interfaces-up") interfaces = &check;
    }
    ASSERT_NE(interfaces, nullptr);
    ASSERT_EQ((*interfaces)["expected"].size(), 3u);
    const nlohmann::json& end = boot["observations"][boot["observations"].size() - 2];
    // NIC 0: a DHCPv4 lease and its static IPv6 address ::1:<vm>:0.
    const nlohmann::json* nic0 =
        DeviceWithMac(end, (*interfaces)["expected"][0]["mac"].get<std::string>());
    ASSERT_NE(nic0, nullptr) << end.dump(2);
    EXPECT_TRUE(HasAddressStartingWith((*nic0)["ipv4"], "198."));
    EXPECT_TRUE(HasAddressStartingWith((*nic0)["ipv6"], "2001:db8:")) << nic0->dump();
    EXPECT_TRUE(HasAddressStartingWith((*nic0)["ipv6"], "2001:db8::1:0:0/64")) << nic0->dump();
    // NIC 1: the static IPv4 address .10 + (vm 0 * 3 NICs + NIC 1) and a DHCPv6 lease.
    const nlohmann::json* nic1 =
        DeviceWithMac(end, (*interfaces)["expected"][1]["mac"].get<std::string>());
    ASSERT_NE(nic1, nullptr);
    EXPECT_TRUE(HasAddressStartingWith((*nic1)["ipv4"], "198.51.100.11/24")) << nic1->dump();
    EXPECT_TRUE(HasAddressStartingWith((*nic1)["ipv6"], "2001:db8:")) << nic1->dump();
    // NIC 2, unmanaged: NetworkManager's default connection took a lease.
    const nlohmann::json* nic2 =
        DeviceWithMac(end, (*interfaces)["expected"][2]["mac"].get<std::string>());
    ASSERT_NE(nic2, nullptr);
    EXPECT_EQ((*nic2)["nm_state"], "connected");
    EXPECT_TRUE(HasAddressStartingWith((*nic2)["ipv4"], "198.")) << nic2->dump();
    // Both name servers, the IPv6 one included, survive in resolv.conf.
    EXPECT_NE(end["resolv_conf"].get<std::string>().find("nameserver 2001:db8::53"),
              std::string::npos)
        << end["resolv_conf"];
  }
  ExpectNothingLeft(run);
}

}  // namespace
}  // namespace bootstorm
