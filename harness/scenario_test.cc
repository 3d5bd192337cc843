#include "scenario.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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
  EXPECT_TRUE(s.network.dhcp);
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
  EXPECT_FALSE(s.network.dhcp);
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
  EXPECT_EQ(ErrorOf(R"({"name": "t", "expect": "fail", "network": {"nameservers": ["a"]}})"),
            "scenarios/t.json: scenario.expect: expected \"pass\" or \"detect\", got \"fail\"");
  EXPECT_EQ(ErrorOf(R"({"name": "t", "expect": true, "network": {"nameservers": ["a"]}})"),
            "scenarios/t.json: scenario.expect: expected a string, got boolean");
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
  EXPECT_NE(ErrorOf(R"({"name": "t", "vms": 0, "network": {"nameservers": ["a"]}})")
                .find("scenario.vms: must be between 1"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "activator": "magic", "network": {"nameservers": ["a"]}})")
                .find("scenario.activator: unknown activator"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["a"]},
                       "faults": [{"kind": "nm-before-local", "probability": 1.5}]})")
                .find("scenario.faults[0].probability"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "t", "network": {"nameservers": ["a"]}, "checks": ["x"]})")
                .find("scenario.checks[0]: unknown invariant"),
            std::string::npos);
}

TEST(Scenario, MalformedJsonNamesFile) {
  EXPECT_EQ(ErrorOf(R"({"name": "t",)"), "scenarios/t.json: scenario: malformed JSON at byte 14");
}

TEST(Scenario, MissingFileIsAnError) {
  EXPECT_THROW(ReadScenarioText("/nonexistent/scenario.json"), ScenarioError);
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
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "connection-reup", "ms": 5})")),
            "scenarios/t.json: scenario.faults[1].ms: unknown key");
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
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "shutdown", "unit": "../x.service"})")),
            "scenarios/t.json: scenario.faults[0].unit: expected one of bootstorm-early.service, "
            "bootstorm-local.service, bootstorm-network.service, bootstorm-final.service, "
            "NetworkManager.service, NetworkManager-wait-online.service, dbus.service");
  EXPECT_EQ(ErrorOf(with_fault(R"({"kind": "power-cut"})")),
            "scenarios/t.json: scenario.faults[0].ms: missing");
}

}  // namespace
}  // namespace bootstorm
