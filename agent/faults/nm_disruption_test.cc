#include "nm_disruption.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

BootPlan PlanWith(std::vector<std::string_view> kinds) {
  BootPlan plan;
  for (std::string_view k : kinds) plan.faults.push_back({std::string(k)});
  return plan;
}

TEST(NmDisruption, FiresOnceBeforeTheSecondStepInPlanOrder) {
  std::vector<std::string> fired;
  NmDisruption d(PlanWith({kFaultNmRestart, kFaultNmBeforeLocal, kFaultNmKill}),
                 [&](std::string_view kind) { fired.emplace_back(kind); });
  d.BeforeStep(0);
  EXPECT_TRUE(fired.empty());
  d.BeforeStep(kDisruptionStep);
  EXPECT_EQ(fired, (std::vector<std::string>{"nm-restart", "nm-kill"}));
  d.BeforeStep(2);
  d.Finish();
  EXPECT_EQ(fired.size(), 2u);
}

TEST(NmDisruption, FiresAtFinishWhenTheActivationHadNoSecondStep) {
  std::vector<std::string> fired;
  NmDisruption d(PlanWith({kFaultNmKill}),
                 [&](std::string_view kind) { fired.emplace_back(kind); });
  d.BeforeStep(0);
  d.Finish();
  EXPECT_EQ(fired, (std::vector<std::string>{"nm-kill"}));
}

TEST(NmDisruption, NothingWithoutTheFaults) {
  int fired = 0;
  NmDisruption d(PlanWith({kFaultNmBeforeLocal}), [&](std::string_view) { ++fired; });
  d.BeforeStep(kDisruptionStep);
  d.Finish();
  EXPECT_EQ(fired, 0);
}

TEST(NmDisruptionCommand, KillsTheMainProcessOrRestartsTheUnit) {
  EXPECT_EQ(NmDisruptionCommand(kFaultNmKill).argv,
            (std::vector<std::string>{"systemctl", "kill", "--kill-whom=main", "--signal=SIGKILL",
                                      "NetworkManager.service"}));
  EXPECT_EQ(NmDisruptionCommand(kFaultNmRestart).argv,
            (std::vector<std::string>{"systemctl", "restart", "NetworkManager.service"}));
}

}  // namespace
}  // namespace bootstorm
