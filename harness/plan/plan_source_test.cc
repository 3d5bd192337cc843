#include "plan_source.h"

#include <gtest/gtest.h>

#include "plan.h"

namespace bootstorm {
namespace {

Scenario OneVmTwoBoots() {
  Scenario s;
  s.vms = 1;
  s.boots = 2;
  s.faults.resize(1);
  s.faults[0].kind = kFaultNmBeforeLocal;
  return s;
}

BootPlan Plan(std::string run_id, int vm, int boot) {
  BootPlan p;
  p.run_id = std::move(run_id);
  p.vm = vm;
  p.boot = boot;
  p.faults.resize(1);
  p.faults[0].kind = kFaultConnectionReup;
  return p;
}

std::string ErrorOf(const ExplicitPlans& plans) {
  try {
    CheckExplicitPlans(plans, OneVmTwoBoots(), "r", "out/run.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(PlanSource, DerivesPlansWithoutExplicitOnes) {
  EXPECT_EQ(PlanOf(OneVmTwoBoots(), "r", nullptr, 0, 2), PlanBoot(OneVmTwoBoots(), "r", 0, 2));
}

TEST(PlanSource, ExplicitPlansWinOverTheScenariosFaults) {
  ExplicitPlans plans = {{Plan("r", 0, 1), Plan("r", 0, 2)}};
  EXPECT_EQ(ErrorOf(plans), "no error");
  EXPECT_EQ(PlanOf(OneVmTwoBoots(), "r", &plans, 0, 2), Plan("r", 0, 2));
}

TEST(PlanSource, ExplicitPlansMustFitTheScenarioAndTheRun) {
  EXPECT_EQ(ErrorOf({}), "out/run.json: run.plans: 0 VMs of plans for a scenario of 1");
  EXPECT_EQ(ErrorOf({{Plan("r", 0, 1)}}),
            "out/run.json: run.plans[0]: 1 plans for a scenario of 2 boots");
  EXPECT_EQ(ErrorOf({{Plan("r", 0, 1), Plan("other", 0, 2)}}),
            "out/run.json: run.plans[0][1]: the plan of run other vm 0 boot 2 where run r vm 0 "
            "boot 2 belongs");
  EXPECT_EQ(ErrorOf({{Plan("r", 0, 2), Plan("r", 0, 1)}}),
            "out/run.json: run.plans[0][0]: the plan of run r vm 0 boot 2 where run r vm 0 boot 1 "
            "belongs");
}

}  // namespace
}  // namespace bootstorm
