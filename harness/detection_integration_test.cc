// The small detection matrix on real VMs (CTest label "integration"): the
// reference activator passes nm-first, and each known-bad activator is caught
// by its detect-* scenario (`expect: detect`, exit 0 when caught) through the
// invariant scenarios/README.md's matrix names for it.
#include <gtest/gtest.h>

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
  EXPECT_EQ(failed.front()["actual"][0]["requested_by"], "bootstorm-final.service")
      << failed.front().dump(2);
  ExpectNothingLeft(run);
}

}  // namespace
}  // namespace bootstorm
