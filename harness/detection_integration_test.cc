// The small detection matrix on real VMs (CTest label "integration"): the
// reference activator passes nm-first, and each known-bad activator is caught
// by its detect-* scenario (`expect: detect`, exit 0 when caught) through the
// invariant scenarios/README.md's matrix names for it; a rewrite repaired
// between two checkpoints is caught by the event history alone.
#include <gtest/gtest.h>

#include "boot_history.h"
#include "cli_test_support.h"
#include "scenario.h"

namespace bootstorm {
namespace {

TEST(DetectionIntegration, ReferencePassesNmFirstActivatingOnceFromTheNetworkStage) {
  ScenarioRun run = RunScenario("detect-reference-nm-first", "nm-first.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  auto boots = Boots(run.results);
  ASSERT_FALSE(boots.empty());
  for (const auto& [vm, boot] : boots) {
    EXPECT_EQ(boot["outcome"], "pass") << boot["checks"].dump(2);
    EXPECT_EQ(boot["checks"].size(), kAllChecks.size());
  }
  // Boot 1 rendered new files while NM ran: exactly one reload, by the network stage.
  const nlohmann::json& observations = boots.front().second["observations"];
  ASSERT_TRUE(observations.is_array() && !observations.empty()) << boots.front().second.dump(2);
  const nlohmann::json& reloads = observations.back()["nm_reloads"];
  ASSERT_EQ(reloads.size(), 1u) << reloads.dump();
  EXPECT_EQ(reloads[0]["requested_by"], "bootstorm-network.service");
  ExpectNothingLeft(run);
}

TEST(DetectionIntegration, LegacyInterfacesIsCaughtByResolvConfAndNmDnsNone) {
  ScenarioRun run = RunScenario("detect-legacy-interfaces", "detect-legacy-interfaces.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  EXPECT_NE(run.cli.out.find("expected a detection: caught by"), std::string::npos) << run.cli.out;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  EXPECT_FALSE(FailedChecks(run.results, "resolv-conf-intact").empty());
  EXPECT_FALSE(FailedChecks(run.results, "nm-dns-none").empty());
  ExpectNothingLeft(run);
}

TEST(DetectionIntegration, LegacyFinalRestartIsCaughtByActivationOnce) {
  ScenarioRun run = RunScenario("detect-legacy-final-restart", "detect-legacy-final-restart.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  EXPECT_NE(run.cli.out.find("expected a detection: caught by activation-once"), std::string::npos)
      << run.cli.out;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  std::vector<nlohmann::json> failed = FailedChecks(run.results, "activation-once");
  ASSERT_FALSE(failed.empty());
  // The reload came from the final unit, not from an agent stage's code.
  EXPECT_EQ(failed.front()["actual"]["reloads"][0]["requested_by"], "bootstorm-final.service")
      << failed.front().dump(2);
  ExpectNothingLeft(run);
}

TEST(DetectionIntegration, ARewriteRepairedBetweenCheckpointsIsCaughtByTheHistoryAlone) {
  ScenarioRun run = RunScenario("detect-resolv-conf-blip", "detect-resolv-conf-blip.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  std::vector<nlohmann::json> failed = FailedChecks(run.results, "resolv-conf-intact");
  ASSERT_EQ(failed.size(), 1u) << run.cli.out;
  std::string message = failed.front()["message"];
  // The writer is the guest's fault injector, in the final stage's unit.
  EXPECT_NE(message.find("rewritten by bootstorm-agent (pid "), std::string::npos) << message;
  EXPECT_NE(message.find("bootstorm-final.service"), std::string::npos) << message;
  EXPECT_NE(message.find("between checkpoints after-network and final"), std::string::npos)
      << message;
  EXPECT_NE(message.find("203.0.113.53"), std::string::npos) << message;
  EXPECT_NE(message.find("; restored "), std::string::npos) << message;
  // No checkpoint saw it: without the history the same boot passes.
  auto boots = Boots(run.results);
  ASSERT_EQ(boots.size(), 1u);
  for (const nlohmann::json& o : boots.front().second["observations"]) {
    if (o["resolv_conf"].is_string()) {
      EXPECT_EQ(o["resolv_conf"].get<std::string>().find("203.0.113.53"), std::string::npos);
    }
  }
  std::filesystem::path history =
      run.out / HistoryLogName(boots.front().second["console_log"].get<std::string>());
  ASSERT_TRUE(std::filesystem::exists(history));
  std::filesystem::rename(history, history.string() + ".set-aside");
  CliRun recheck = RunBootstorm({"recheck", run.out.string()});
  EXPECT_EQ(recheck.exit_code, 1) << recheck.out << recheck.err;  // a detection not made
  EXPECT_NE(recheck.out.find("now every check passed"), std::string::npos) << recheck.out;
  ExpectNothingLeft(run);
}

}  // namespace
}  // namespace bootstorm
