#include "replay_plans.h"

#include <gtest/gtest.h>

#include "scenario.h"

namespace bootstorm {
namespace {

RecordedBoot Boot(int vm, int boot) {
  RecordedBoot r;
  r.vm = vm;
  r.boot.boot = boot;
  r.boot.outcome = Outcome::kPass;
  r.boot.plan.run_id = "0ld0ld00";
  r.boot.plan.vm = vm;
  r.boot.plan.boot = boot;
  return r;
}

std::string ErrorOf(int vm, std::optional<int> last_boot) {
  std::vector<RecordedBoot> recorded = {Boot(0, 1), Boot(0, 2), Boot(1, 1)};
  try {
    RecordedBootsOf(recorded, 3, vm, last_boot, "runs/x");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReplayPlans, SelectsTheVmsBootsUpToTheLastInOrder) {
  std::vector<RecordedBoot> recorded = {Boot(0, 2), Boot(1, 1), Boot(0, 1), Boot(0, 3)};
  std::vector<BootRecord> all = RecordedBootsOf(recorded, 2, 0, std::nullopt, "r");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].boot, 1);
  EXPECT_EQ(all[2].boot, 3);
  std::vector<BootRecord> two = RecordedBootsOf(recorded, 2, 0, 2, "r");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].boot, 2);
  EXPECT_EQ(RecordedBootsOf(recorded, 2, 1, 1, "r").size(), 1u);
}

TEST(ReplayPlans, UnknownVmsAndUnrecordedBootsAreBadInput) {
  EXPECT_EQ(ErrorOf(3, std::nullopt), "runs/x: --vm 3: the run has VMs 0 to 2");
  EXPECT_EQ(ErrorOf(-1, std::nullopt), "runs/x: --vm -1: the run has VMs 0 to 2");
  EXPECT_EQ(ErrorOf(2, std::nullopt), "runs/x: vm 2 has no recorded boot");
  EXPECT_EQ(ErrorOf(0, 3), "runs/x: --boot 3: vm 0 has boots 1 to 2 recorded");
  EXPECT_EQ(ErrorOf(0, 0), "runs/x: --boot 0: vm 0 has boots 1 to 2 recorded");
  EXPECT_EQ(ErrorOf(0, 2), "no error");
}

TEST(ReplayPlans, OnlyTheIdentityFieldsChange) {
  BootPlan p;
  p.run_id = "0ld0ld00";
  p.vm = 7;
  p.boot = 2;
  p.activator = Activator::kLegacyInterfaces;
  p.faults.resize(2);
  p.faults[0].kind = kFaultDelay;
  p.faults[0].unit = "NetworkManager.service";
  p.faults[0].ms = 1234;
  p.faults[1].kind = kFaultConnectionReup;
  std::vector<BootPlan> replayed = ReplayPlans({p}, "feedf00d");
  ASSERT_EQ(replayed.size(), 1u);
  EXPECT_EQ(replayed[0].run_id, "feedf00d");
  EXPECT_EQ(replayed[0].vm, 0);
  EXPECT_EQ(replayed[0].boot, 2);
  EXPECT_EQ(replayed[0].activator, Activator::kLegacyInterfaces);
  // Byte-identical faults and parameters, as the guest gets them.
  EXPECT_EQ(ToJson(replayed[0])["faults"].dump(), ToJson(p)["faults"].dump());
}

TEST(ReplayPlans, ScenarioTextKeepsEverythingButTheCounts) {
  std::string text = R"({"name": "x", "vms": 4, "boots": 3, "activator": "legacy-interfaces",
    "network": {"nameservers": ["192.0.2.53"]}, "faults": [{"kind": "nm-before-local"}]})";
  std::string replay = ReplayScenarioText(text, 2);
  EXPECT_LT(replay.find("\"name\""), replay.find("\"vms\""));  // key order kept
  Scenario s = ParseScenario(replay, "run.json");
  EXPECT_EQ(s.vms, 1);
  EXPECT_EQ(s.boots, 2);
  EXPECT_EQ(s.name, "x");
  EXPECT_EQ(s.activator, Activator::kLegacyInterfaces);
  EXPECT_EQ(s.faults.size(), 1u);
  // A scenario that left the counts at their defaults gets them too.
  EXPECT_EQ(ParseScenario(ReplayScenarioText(
                              R"({"name": "y", "network": {"nameservers": ["192.0.2.53"]}})", 1),
                          "r")
                .boots,
            1);
}

}  // namespace
}  // namespace bootstorm
