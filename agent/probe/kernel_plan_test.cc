#include "kernel_plan.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

// Logging to a path that cannot exist keeps the test free of files.
const AgentLog kLog("/nonexistent/agent.log", "test");

TEST(PlanFromCmdline, FindsThePlanAmongOtherParameters) {
  BootPlan plan{"run-7", 2, 3, Activator::kLegacyInterfaces, {{std::string(kFaultConnectionReup)}}};
  KernelPlan found =
      PlanFromCmdline("root=/dev/vda rw " + EncodePlanForCmdline(plan) + " console=ttyS0", kLog);
  EXPECT_TRUE(found.found);
  EXPECT_EQ(found.plan, plan);
}

TEST(PlanFromCmdline, AbsentOrInvalidPlanGivesTheDefault) {
  for (std::string_view cmdline : {"root=/dev/vda rw", "root=/dev/vda bootstorm.plan=!!"}) {
    KernelPlan result = PlanFromCmdline(cmdline, kLog);
    EXPECT_FALSE(result.found) << cmdline;
    EXPECT_EQ(result.plan, BootPlan{}) << cmdline;
  }
}

TEST(PlanFromOemStrings, FindsThePlanInAWholeString) {
  BootPlan plan{"run-8", 1, 2, Activator::kCloudInit, {}};
  KernelPlan found = PlanFromOemStrings({"vendor text", EncodePlanForCmdline(plan)}, kLog);
  EXPECT_TRUE(found.found);
  EXPECT_EQ(found.plan, plan);
}

TEST(PlanFromOemStrings, NoPlanOrOneInsideOtherTextGivesTheDefault) {
  BootPlan plan{"run-8", 1, 2, Activator::kCloudInit, {}};
  for (const std::vector<std::string>& strings : {std::vector<std::string>{},
                                                  {"vendor"},
                                                  {"x " + EncodePlanForCmdline(plan)},
                                                  {"bootstorm.plan=!!"}}) {
    KernelPlan result = PlanFromOemStrings(strings, kLog);
    EXPECT_FALSE(result.found);
    EXPECT_EQ(result.plan, BootPlan{});
  }
}

}  // namespace
}  // namespace bootstorm
