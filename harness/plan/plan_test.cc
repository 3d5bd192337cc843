#include "plan.h"

#include <gtest/gtest.h>

#include <set>

namespace bootstorm {
namespace {

Scenario TwoFaults(double p) {
  Scenario s;
  s.seed = 42;
  s.activator = Activator::kLegacyInterfaces;
  s.faults = {{std::string(kFaultNmBeforeLocal), 1.0}, {std::string(kFaultConnectionReup), p}};
  return s;
}

TEST(Plan, SameInputsGiveByteIdenticalPlans) {
  Scenario s = TwoFaults(0.5);
  for (int vm = 0; vm < 20; ++vm) {
    EXPECT_EQ(ToJson(PlanBoot(s, "r", vm, 1)).dump(), ToJson(PlanBoot(s, "r", vm, 1)).dump());
  }
}

TEST(Plan, ProbabilityOneAlwaysAndZeroNever) {
  Scenario s = TwoFaults(0.0);
  for (int vm = 0; vm < 50; ++vm) {
    BootPlan p = PlanBoot(s, "r", vm, 2);
    EXPECT_TRUE(p.HasFault(kFaultNmBeforeLocal));
    EXPECT_FALSE(p.HasFault(kFaultConnectionReup));
    EXPECT_EQ(p.activator, Activator::kLegacyInterfaces);
    EXPECT_EQ(p.vm, vm);
    EXPECT_EQ(p.boot, 2);
  }
}

TEST(Plan, HalfProbabilityHitsRoughlyHalfAndDependsOnSeed) {
  Scenario s = TwoFaults(0.5);
  int hits = 0;
  std::string with_seed_42, with_seed_43;
  for (int vm = 0; vm < 1000; ++vm) {
    bool hit = PlanBoot(s, "r", vm, 1).HasFault(kFaultConnectionReup);
    hits += hit;
    with_seed_42 += hit ? '1' : '0';
  }
  s.seed = 43;
  for (int vm = 0; vm < 1000; ++vm)
    with_seed_43 += PlanBoot(s, "r", vm, 1).HasFault(kFaultConnectionReup) ? '1' : '0';
  EXPECT_GT(hits, 430);
  EXPECT_LT(hits, 570);
  EXPECT_NE(with_seed_42, with_seed_43);
}

TEST(Plan, DurationsAreDrawnFromTheRangeOnTheirOwnStream) {
  Scenario s = TwoFaults(0.5);
  Scenario with_delay = s;
  with_delay.faults.push_back(
      {std::string(kFaultDelay), 1.0, "NetworkManager.service", 1000, 1003, 0});
  std::set<int> seen;
  for (int vm = 0; vm < 100; ++vm) {
    BootPlan p = PlanBoot(with_delay, "r", vm, 1);
    const Fault* delay = p.FindFault(kFaultDelay);
    ASSERT_NE(delay, nullptr);
    EXPECT_EQ(delay->unit, "NetworkManager.service");
    EXPECT_GE(delay->ms, 1000);
    EXPECT_LE(delay->ms, 1003);
    seen.insert(delay->ms);
    // The other faults are drawn as without the delay.
    EXPECT_EQ(p.HasFault(kFaultConnectionReup),
              PlanBoot(s, "r", vm, 1).HasFault(kFaultConnectionReup));
  }
  EXPECT_EQ(seen.size(), 4u);  // both ends of the range are reached
}

TEST(Plan, UniformIsInUnitInterval) {
  for (std::uint64_t i = 0; i < 1000; ++i) {
    double u = SeededUniform(i, i * 7, i * 13, i % 3);
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace bootstorm
