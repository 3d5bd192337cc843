#include "interruption.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

BootPlan PlanWith(std::vector<Fault> faults) {
  BootPlan plan;
  plan.run_id = "r";
  plan.boot = 2;
  plan.activator = Activator::kLegacyInterfaces;
  plan.faults = std::move(faults);
  return plan;
}

TEST(Interruption, ShutdownPointsAreAClosedListOfUnits) {
  EXPECT_TRUE(IsShutdownPointUnit("bootstorm-network.service"));
  EXPECT_TRUE(IsShutdownPointUnit("NetworkManager.service"));
  EXPECT_FALSE(IsShutdownPointUnit("../../etc/passwd"));
  EXPECT_FALSE(IsShutdownPointUnit("sshd.service"));
  EXPECT_FALSE(IsShutdownPointUnit(""));
  for (std::string_view unit : kShutdownPointUnits) EXPECT_TRUE(unit.ends_with(".service"));
}

TEST(Interruption, FindsTheFirstInterruptingFault) {
  EXPECT_EQ(InterruptingFault(PlanWith({{"nm-before-local"}})), nullptr);
  BootPlan plan = PlanWith(
      {{"nm-before-local"}, {"power-cut", "", 1500}, {"shutdown", "bootstorm-final.service"}});
  ASSERT_NE(InterruptingFault(plan), nullptr);
  EXPECT_EQ(InterruptingFault(plan)->kind, "power-cut");
  EXPECT_EQ(InterruptingFault(plan)->ms, 1500);
}

TEST(Interruption, RecoveryPlanDropsOnlyTheInterruptingFaults) {
  BootPlan plan = PlanWith({{"shutdown", "NetworkManager.service"},
                            {"nm-before-local"},
                            {"power-cut", "", 20},
                            {"connection-reup"}});
  BootPlan recovery = RecoveryPlan(plan);
  EXPECT_EQ(recovery.faults, (std::vector<Fault>{{"nm-before-local"}, {"connection-reup"}}));
  EXPECT_EQ(recovery.run_id, plan.run_id);
  EXPECT_EQ(recovery.boot, plan.boot);
  EXPECT_EQ(recovery.activator, plan.activator);
  BootPlan plain = PlanWith({{"nm-before-local"}});
  EXPECT_EQ(RecoveryPlan(plain), plain);
}

}  // namespace
}  // namespace bootstorm
