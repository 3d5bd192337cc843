#include "scenario.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "bounded_file.h"

namespace bootstorm {
namespace {

constexpr std::string_view kMinimal = R"({
  "name": "t",
  "network": {"nameservers": ["192.0.2.53"]}
})";

std::string ErrorOf(std::string_view text) {
  try {
    ParseScenario(text, "scenarios/t.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<accepted>";
}

TEST(Scenario, MinimalGetsDefaults) {
  Scenario s = ParseScenario(kMinimal, "scenarios/t.json");
  EXPECT_EQ(s.vms, 1);
  EXPECT_EQ(s.boots, 2);
  EXPECT_EQ(s.activator, Activator::kReference);
  EXPECT_EQ(s.network.nics, std::vector<NicSpec>{NicSpec{}});
  EXPECT_EQ(s.checks,
            (std::vector<std::string>{"resolv-conf-intact", "interfaces-up", "nm-dns-none",
                                      "activation-once", "boot-completes", "atomic-write"}));
  EXPECT_EQ(s.expect, Expect::kPass);
  EXPECT_EQ(s.source, "scenarios/t.json");
}

TEST(Scenario, FullScenario) {
  Scenario s = ParseScenario(R"({
    "name": "legacy", "description": "d", "vms": 3, "boots": 4, "seed": 9,
    "activator": "legacy-interfaces",
    "network": {"ipv4": "static", "nameservers": ["192.0.2.53"], "search": ["example.test"]},
    "faults": [{"kind": "nm-before-local"}, {"kind": "connection-reup", "probability": 0.5}],
    "checks": ["resolv-conf-intact"],
    "timeouts": {"boot_seconds": 300, "shutdown_seconds": 60},
    "vm": {"memory_mib": 768, "vcpus": 2}
  })",
                             "x.json");
  EXPECT_EQ(s.vms, 3);
  EXPECT_EQ(s.boots, 4);
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.activator, Activator::kLegacyInterfaces);
  EXPECT_EQ(s.network.nics[0].ipv4, AddressMode::kStatic);
  EXPECT_EQ(s.network.dns.search, std::vector<std::string>{"example.test"});
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[1].probability, 0.5);
  EXPECT_EQ(s.boot_timeout_seconds, 300);
  EXPECT_EQ(s.memory_mib, 768);
}

TEST(Scenario, ExpectDetectAndTheNewActivatorsAndChecks) {
  Scenario s = ParseScenario(R"({
    "name": "d", "expect": "detect", "activator": "legacy-final-restart",
    "network": {"nameservers": ["192.0.2.53"]},
    "checks": ["nm-dns-none", "activation-once", "boot-completes"]
  })",
                             "d.json");
  EXPECT_EQ(s.expect, Expect::kDetect);
  EXPECT_EQ(s.activator, Activator::kLegacyFinalRestart);
  EXPECT_EQ(s.checks.size(), 3u);
  EXPECT_EQ(ParseScenario(R"({"name": "n", "activator": "none", "expect": "pass",
                              "network": {"nameservers": ["192.0.2.53"]}})",
                          "n.json")
                .activator,
            Activator::kNone);
}

TEST(Scenario, BadExpectNamesFileAndPath) {
  EXPECT_EQ(
      ErrorOf(R"({"name": "t", "expect": "fail", "network": {"nameservers": ["192.0.2.1"]}})"),
      "scenarios/t.json: scenario.expect: expected \"pass\" or \"detect\", got \"fail\"");
  EXPECT_EQ(ErrorOf(R"({"name": "t", "expect": true, "network": {"nameservers": ["192.0.2.1"]}})"),
            "scenarios/t.json: scenario.expect: expected a string, got boolean");
}

TEST(Scenario, UserDataIsForCloudInitAndBounded) {
  nlohmann::json j = {{"name", "t"},
                      {"activator", "cloud-init"},
                      {"user_data", "#cloud-config\nupdates: {network: {when: [boot-legacy]}}\n"},
                      {"network", {{"nameservers", {"192.0.2.1"}}}}};
  EXPECT_EQ(ParseScenario(j.dump(), "scenarios/t.json").user_data,
            "#cloud-config\nupdates: {network: {when: [boot-legacy]}}\n");
  EXPECT_EQ(ParseScenario(kMinimal, "scenarios/t.json").user_data, "");
  j["user_data"] = std::string(kMaxUserDataBytes + 1, 'x');
  EXPECT_EQ(ErrorOf(j.dump()),
            "scenarios/t.json: scenario.user_data: 65536 bytes, at most 65535 (Nova's limit)");
  j["user_data"] = "#cloud-config\n";
  j["activator"] = "reference";
  EXPECT_EQ(ErrorOf(j.dump()),
            "scenarios/t.json: scenario.user_data: only cloud-init reads user data: set "
            "\"activator\": \"cloud-init\"");
  j["activator"] = "cloud-init";
  j["user_data"] = 7;
  EXPECT_EQ(ErrorOf(j.dump()),
            "scenarios/t.json: scenario.user_data: expected a string, got number");
}

TEST(Scenario, ANameThatIsNotAPlainFileNameIsRefused) {
  for (const std::string& name :
       std::vector<std::string>{"../../escaped", ".", "..", "/tmp/x", "a/b", "", ".hidden", "-x",
                                std::string(65, 'a'), std::string("a\nb")}) {
    nlohmann::json j = {{"name", name}, {"network", {{"nameservers", {"192.0.2.1"}}}}};
    std::string error = ErrorOf(j.dump());
    EXPECT_NE(error.find("scenarios/t.json: scenario.name: "), std::string::npos)
        << name << ": " << error;
  }
  EXPECT_EQ(ErrorOf(R"({"name": "Smoke_1.v-2", "network": {"nameservers": ["192.0.2.1"]}})"),
            "<accepted>");
}

TEST(Scenario, TypoInKeyNamesFileAndPath) {
  EXPECT_EQ(ErrorOf(R"({"name": "t", "vmz": 2, "network": {"nameservers": ["192.0.2.53"]}})"),
            "scenarios/t.json: scenario.vmz: unknown key");
  EXPECT_EQ(ErrorOf(R"({"name": "t", "network": {"nameserver": ["192.0.2.53"]}})"),
            "scenarios/t.json: scenario.network.nameserver: unknown key");
}

TEST(Scenario, WrongTypeNamesFileAndPath) {
  EXPECT_EQ(ErrorOf(R"({"name": "t", "vms": "2", "network": {"nameservers": ["192.0.2.53"]}})"),
            "scenarios/t.json: scenario.vms: expected a whole number, got string");
  EXPECT_EQ(ErrorOf(R"({"name": "t", "network": {"nameservers": [53]}})"),
            "scenarios/t.json: scenario.network.nameservers[0]: expected a string");
}

TEST(Scenario, OutOfRangeAndUnknownValues) {
  EXPECT_NE(ErrorOf(R"({"name": "t", "vms": 0, "network": {"nameservers": ["192.0.2.1"]}})")
                .find("scenario.vms: must be between 1"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(R"({"name": "t", "activator": "magic", "network": {"nameservers": ["192.0.2.1"]}})")
          .find("scenario.activator: unknown activator"),
      std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1"]},
                       "faults": [{"kind": "nm-before-local", "probability": 1.5}]})")
                .find("scenario.faults[0].probability"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1"]}, "checks": ["x"]})")
                .find("scenario.checks[0]: unknown invariant"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1"]}, "checks": []})")
                .find("scenario.checks: empty"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1"]},
                       "checks": ["boot-completes", "nm-dns-none", "boot-completes"]})")
                .find("scenario.checks[2]: \"boot-completes\" is listed twice"),
            std::string::npos);
}

TEST(Scenario, MalformedJsonNamesFile) {
  EXPECT_EQ(ErrorOf(R"({"name": "t",)"), "scenarios/t.json: scenario: malformed JSON at byte 14");
}

// The bad cases shared with the JSON Schema's test (ci/check-scenario-schema):
// the loader rejects each, naming the file.
TEST(Scenario, BadScenarioFiles) {
  std::filesystem::path dir = std::filesystem::path(BOOTSTORM_TESTDATA_DIR) / "bad-scenarios";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    std::string text = ReadScenarioText(entry.path());
    try {
      ParseScenario(text, entry.path());
      ADD_FAILURE() << entry.path() << ": accepted";
    } catch (const ScenarioError& e) {
      EXPECT_TRUE(std::string_view(e.what()).starts_with(entry.path().string() + ": ")) << e.what();
    }
  }
  EXPECT_GE(cases, 20);
}

TEST(Scenario, MissingFileIsAnError) {
  EXPECT_THROW(ReadScenarioText("/nonexistent/scenario.json"), FileReadError);
}

TEST(Scenario, FaultParametersAndTheirErrors) {
  auto with_fault = [](std::string_view fault) {
    return fmt::format(R"({{"name": "t", "network": {{"nameservers": ["192.0.2.53"]}},
                            "faults": [{{"kind": "nm-before-local"}}, {}]}})",
                       fault);
  };
  Scenario s = ParseScenario(
      with_fault(R"({"kind": "delay", "unit": "dbus.service", "ms": [200, 3000]})"), "t.json");
  EXPECT_EQ(s.faults[1].unit, "dbus.service");
  EXPECT_EQ(s.faults[1].ms_min, 200);
  EXPECT_EQ(s.faults[1].ms_max, 3000);
  s = ParseScenario(with_fault(R"({"kind": "delay", "unit": "dbus.service", "ms": 700})"),
                    "t.json");
  EXPECT_EQ(s.faults[1].ms_min, 700);
  EXPECT_EQ(s.faults[1].ms_max, 700);

  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "delay", "unit": "dbus.service", "ms": [3, 2]})")),
            "scenarios/t.json: scenario.faults[1].ms: min is greater than max");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "delay", "unit": "dbus.service", "ms": [3, -2]})")),
            "scenarios/t.json: scenario.faults[1].ms[1]: expected a whole number of milliseconds "
            "in [0, 3600000]");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "delay", "ms": 5})")),
            "scenarios/t.json: scenario.faults[1].unit: missing");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "delay", "unit": "ssh.service", "ms": 5})")),
            "scenarios/t.json: scenario.faults[1].unit: unit 'ssh.service' cannot be used with "
            "fault 'delay' (allowed: bootstorm-early.service, bootstorm-local.service, "
            "bootstorm-network.service, bootstorm-final.service, NetworkManager.service, "
            "dbus.service, cloud-init-main.service, cloud-init-local.service, cloud-init.service, "
            "cloud-init-network.service, cloud-config.service, cloud-final.service)");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "connection-reup", "ms": 5})")),
            "scenarios/t.json: scenario.faults[1].ms: unknown key");
}

TEST(Scenario, SeveralNicsAndTheirErrors) {
  auto with_network = [](std::string_view network) {
    return fmt::format(R"({{"name": "t", "network": {}}})", network);
  };
  Scenario s = ParseScenario(with_network(R"({"nics": [{"ipv4": "dhcp", "ipv6": "static"},
      {"ipv4": "off", "ipv6": "dhcp"}, {"managed": false}],
      "nameservers": ["192.0.2.53", "2001:db8::53"]})"),
                             "t.json");
  ASSERT_EQ(s.network.nics.size(), 3u);
  EXPECT_EQ(s.network.nics[0], (NicSpec{AddressMode::kDhcp, AddressMode::kStatic, true}));
  EXPECT_EQ(s.network.nics[1], (NicSpec{AddressMode::kOff, AddressMode::kDhcp, true}));
  EXPECT_EQ(s.network.nics[2], (NicSpec{AddressMode::kDhcp, AddressMode::kOff, false}));
  EXPECT_TRUE(s.network.UsesIpv6());
  EXPECT_FALSE(s.network.UsesStaticIpv4());

  EXPECT_EQ(ErrorOf(with_network(R"({"nics": [{"ipv4": "off"}], "nameservers": ["192.0.2.53"]})")),
            "scenarios/t.json: scenario.network.nics[0]: a NIC needs ipv4 or ipv6");
  EXPECT_EQ(ErrorOf(with_network(R"({"nics": [], "nameservers": ["192.0.2.53"]})")),
            "scenarios/t.json: scenario.network.nics: expected 1 to 4 NICs");
  EXPECT_EQ(
      ErrorOf(with_network(R"({"nics": [{}], "ipv4": "dhcp", "nameservers": ["192.0.2.53"]})")),
      "scenarios/t.json: scenario.network.nics: give either \"nics\" or ipv4/ipv6, not both");
  EXPECT_EQ(
      ErrorOf(with_network(R"({"nics": [{"ipv6": "slaac"}], "nameservers": ["192.0.2.53"]})")),
      "scenarios/t.json: scenario.network.nics[0].ipv6: expected \"dhcp\", \"static\" or "
      "\"off\", got \"slaac\"");
  EXPECT_EQ(
      ErrorOf(with_network(
          R"({"nics": [{"managed": false, "ipv4": "static"}], "nameservers": ["192.0.2.53"]})")),
      "scenarios/t.json: scenario.network.nics[0].managed: an unmanaged NIC gets "
      "NetworkManager's default (ipv4 dhcp, ipv6 off)");
  EXPECT_EQ(ErrorOf(with_network(R"({"nameservers": ["192.0.2.53", "dns.example"]})")),
            "scenarios/t.json: scenario.network.nameservers[1]: \"dns.example\" is not an IPv4 "
            "or IPv6 address");
}

TEST(Scenario, InterruptingFaults) {
  auto with_fault = [](std::string_view fault) {
    return fmt::format(R"({{"name": "t", "network": {{"nameservers": ["192.0.2.53"]}},
                            "faults": [{}]}})",
                       fault);
  };
  Scenario s = ParseScenario(
      with_fault(R"({"kind": "shutdown", "unit": "bootstorm-final.service", "probability": 0.5})"),
      "t.json");
  EXPECT_EQ(s.faults[0].unit, "bootstorm-final.service");
  s = ParseScenario(with_fault(R"({"kind": "power-cut", "ms": [2000, 40000]})"), "t.json");
  EXPECT_EQ(s.faults[0].ms_min, 2000);
  EXPECT_EQ(s.faults[0].ms_max, 40000);
  // The guest names a drop-in after the unit: only the known points.
  EXPECT_EQ(
      ErrorOf(with_fault(R"({"kind": "shutdown", "unit": "../x.service"})")),
      "scenarios/t.json: scenario.faults[0].unit: unit '../x.service' cannot be used with fault "
      "'shutdown' (allowed: bootstorm-early.service, "
      "bootstorm-local.service, bootstorm-network.service, bootstorm-final.service, "
      "NetworkManager.service, NetworkManager-wait-online.service, dbus.service, "
      "cloud-init-local.service, cloud-init.service, cloud-init-network.service, "
      "cloud-config.service, cloud-final.service)");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "power-cut"})")),
            "scenarios/t.json: scenario.faults[0].ms: missing");
}

// Found in issue 17: a NUL hid the rest of a name server from inet_pton, and
// search domains were not checked at all.
TEST(Scenario, NameServersAndSearchDomainsAreCheckedWhole) {
  EXPECT_EQ(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1\u0000 6.6.6.6"]}})"),
            "scenarios/t.json: scenario.network.nameservers[0]: \"192.0.2.1\\u0000 6.6.6.6\" is "
            "not an IPv4 or IPv6 address");
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["192.0.2.1"],
                       "search": ["ok.test", "a\nnameserver 6.6.6.6"]}})")
                .find("scenarios/t.json: scenario.network.search[1]: "),
            std::string::npos);
}

}  // namespace
}  // namespace bootstorm
