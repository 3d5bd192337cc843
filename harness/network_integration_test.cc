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
    // Static addresses are exact; leases lie in the run's subnets, which
    // depend on the subnet slot the run got, so the expectation says them.
    const nlohmann::json& expected = (*interfaces)["expected"];
    auto device = [&](int nic) {
      const nlohmann::json* d = DeviceWithMac(end, expected[nic]["mac"].get<std::string>());
      EXPECT_NE(d, nullptr) << "NIC " << nic << ": " << end.dump(2);
      return d ? *d : nlohmann::json::object();
    };
    nlohmann::json nic0 = device(0), nic1 = device(1), nic2 = device(2);
    // NIC 0: a DHCPv4 lease and its static IPv6 address <prefix>::1:<vm>:0.
    EXPECT_TRUE(HasAddressStartingWith(nic0["ipv4"], "198.")) << nic0.dump();
    EXPECT_TRUE(HasAddressStartingWith(nic0["ipv6"], expected[0]["ipv6"].get<std::string>()))
        << nic0.dump() << expected[0].dump();
    // NIC 1: the static IPv4 address .10 + (vm 0 * 3 NICs + NIC 1) and a DHCPv6 lease.
    EXPECT_TRUE(expected[1]["ipv4"].get<std::string>().ends_with(".11/24")) << expected[1].dump();
    EXPECT_TRUE(HasAddressStartingWith(nic1["ipv4"], expected[1]["ipv4"].get<std::string>()))
        << nic1.dump();
    EXPECT_TRUE(HasAddressStartingWith(nic1["ipv6"], "2001:db8:")) << nic1.dump();
    // NIC 2, unmanaged: NetworkManager's default connection took a lease.
    EXPECT_EQ(nic2["nm_state"], "connected");
    EXPECT_TRUE(HasAddressStartingWith(nic2["ipv4"], "198.")) << nic2.dump();
    EXPECT_FALSE(expected[2].contains("ipv6"));
    // Both name servers, the IPv6 one included, survive in resolv.conf.
    EXPECT_NE(end["resolv_conf"].get<std::string>().find("nameserver 2001:db8::53"),
              std::string::npos)
        << end["resolv_conf"];
  }
  ExpectNothingLeft(run);
}

}  // namespace
}  // namespace bootstorm
