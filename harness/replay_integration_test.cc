// `bootstorm replay` and `bootstorm shrink` on real VMs (CTest label
// "integration"): the legacy per-interface activator with NetworkManager
// started first fails resolv-conf-intact deterministically, so a replay of
// that VM reproduces it, and a shrink ends with fewer faults that still fail.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

/// A legacy-interfaces scenario of 1 VM and `boots` boots with `faults` (each
/// with probability 1), written to `dir`.
std::filesystem::path LegacyScenario(const std::filesystem::path& dir, int boots,
                                     const std::vector<std::string>& faults) {
  nlohmann::json scenario = {
      {"name", "legacy-replay"},
      {"vms", 1},
      {"boots", boots},
      {"activator", "legacy-interfaces"},
      {"network", {{"nameservers", {"192.0.2.53", "192.0.2.54"}}, {"search", {"example.test"}}}},
      {"faults", nlohmann::json::array()},
      {"timeouts", {{"boot_seconds", 420}, {"shutdown_seconds", 60}}}};
  for (const std::string& kind : faults)
    scenario["faults"].push_back({{"kind", kind}, {"probability", 1.0}});
  std::filesystem::path path = dir / "legacy-replay.json";
  std::ofstream(path) << scenario.dump(2);
  return path;
}

/// Runs `scenario` into `out`; expects the SUT failure it was made for.
nlohmann::json RunFailing(const std::filesystem::path& scenario, const std::filesystem::path& out) {
  CliRun run = RunBootstorm(
      {"run", scenario.string(), "--out", out.string(), "--connect", TestUri(), "--jobs", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  return std::filesystem::exists(out / "results.json") ? ReadJsonFile(out / "results.json")
                                                       : nlohmann::json();
}

std::vector<std::string> FailedInvariants(const nlohmann::json& boot) {
  std::vector<std::string> failed;
  for (const auto& check : boot["checks"]) {
    if (check["verdict"] == "fail") failed.push_back(check["name"]);
  }
  return failed;
}

/// The text after `prefix` on the output line that starts with it.
std::string LineAfter(const std::string& out, const std::string& prefix) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix)) return line.substr(prefix.size());
  }
  return "";
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

TEST(ReplayIntegration, ReplayOfAFailingVmReproducesItWithTheStoredPlans) {
  std::filesystem::path dir = FreshTestDir("replay-failing-vm");
  nlohmann::json original =
      RunFailing(LegacyScenario(dir, 1, {"nm-before-local"}), dir / "original");
  ASSERT_TRUE(original.is_object());
  const nlohmann::json& failed_boot = original["vms"][0]["boots"][0];
  ASSERT_EQ(failed_boot["outcome"], "sut_failure");
  std::vector<std::string> invariants = FailedInvariants(failed_boot);
  EXPECT_NE(std::find(invariants.begin(), invariants.end(), "resolv-conf-intact"),
            invariants.end());

  std::filesystem::path out = dir / "replay";
  CliRun replay =
      RunBootstorm({"replay", (dir / "original").string(), "--vm", "0", "--out", out.string()});
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("reproduced: run " + original["run_id"].get<std::string>() + " vm 0"),
            std::string::npos)
      << replay.out;
  EXPECT_NE(replay.out.find("boot 1: recorded sut_failure ("), std::string::npos) << replay.out;

  nlohmann::json replayed = ReadJsonFile(out / "results.json");
  ASSERT_EQ(replayed["vms"].size(), 1u);
  const nlohmann::json& boot = replayed["vms"][0]["boots"][0];
  EXPECT_EQ(FailedInvariants(boot), invariants);
  // The stored plan ran again byte for byte; only the run id differs.
  EXPECT_EQ(boot["plan"]["faults"].dump(), failed_boot["plan"]["faults"].dump());
  EXPECT_EQ(boot["plan"]["activator"], failed_boot["plan"]["activator"]);
  EXPECT_NE(replayed["run_id"], original["run_id"]);
  EXPECT_EQ(LeftoversOf(replayed["run_id"]), std::vector<std::string>{});
}

TEST(ReplayIntegration, ShrinkEndsWithFewerFaultsThatStillFailAndItsReplayReproduces) {
  std::filesystem::path dir = FreshTestDir("shrink-failing-vm");
  nlohmann::json original =
      RunFailing(LegacyScenario(dir, 2, {"nm-before-local", "connection-reup"}), dir / "original");
  ASSERT_TRUE(original.is_object());
  std::size_t recorded_faults = 0;
  for (const auto& boot : original["vms"][0]["boots"])
    recorded_faults += boot["plan"]["faults"].size();
  ASSERT_EQ(recorded_faults, 4u);

  CliRun shrink = RunBootstorm(
      {"shrink", (dir / "original").string(), "--vm", "0", "--out", (dir / "shrink").string()});
  EXPECT_EQ(shrink.exit_code, 0) << shrink.out << shrink.err;
  // Boot 1 fails: boot 2 and its faults are dropped at once, then ddmin.
  EXPECT_NE(shrink.out.find("boot 1 failed"), std::string::npos) << shrink.out;
  EXPECT_NE(shrink.out.find("trial 1: 0 of 2 faults (boot 1: no faults): not reproduced"),
            std::string::npos)
      << shrink.out;
  std::vector<std::string> smallest = Words(LineAfter(shrink.out, "smallest plan: "));
  ASSERT_GE(smallest.size(), 3u) << shrink.out;
  EXPECT_LT(std::stoi(smallest[0]), 2) << shrink.out;
  EXPECT_NE(shrink.out.find("nm-before-local"), std::string::npos);

  std::vector<std::string> command = Words(LineAfter(shrink.out, "replay: bootstorm "));
  ASSERT_FALSE(command.empty()) << shrink.out;
  CliRun replay = RunBootstorm(command);
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("\nreproduced: "), std::string::npos) << replay.out;
  // What ran again is the smaller plan.
  EXPECT_NE(replay.out.find("boots 1 to 1 (boot 1: nm-before-local)"), std::string::npos)
      << replay.out;
}

}  // namespace
}  // namespace bootstorm
