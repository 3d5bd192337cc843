#include "fault_subset.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Fault Of(std::string_view kind, std::string unit = "", int ms = 0) {
  Fault f;
  f.kind = std::string(kind);
  f.unit = std::move(unit);
  f.ms = ms;
  return f;
}

std::vector<BootPlan> TwoBootsFourFaults() {
  std::vector<BootPlan> plans(2);
  for (int i = 0; i < 2; ++i) {
    plans[i].run_id = "r";
    plans[i].boot = i + 1;
    plans[i].activator = Activator::kLegacyInterfaces;
    plans[i].faults = {Of(kFaultNmBeforeLocal), Of(kFaultConnectionReup)};
  }
  plans[1].faults[1] = Of(kFaultDelay, "NetworkManager.service", 1500);
  return plans;
}

TEST(FaultSubset, EveryFaultOfEveryBootIsAnElement) {
  EXPECT_EQ(FaultsOf(TwoBootsFourFaults()),
            (std::vector<PlannedFault>{{1, 0}, {1, 1}, {2, 0}, {2, 1}}));
  EXPECT_EQ(CountFaults(TwoBootsFourFaults()), 4u);
}

TEST(FaultSubset, KeepsTheSelectedFaultsUnchangedAndEveryBoot) {
  std::vector<BootPlan> plans = TwoBootsFourFaults();
  std::vector<BootPlan> kept = KeepFaults(plans, FaultsOf(plans), {0, 3});
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].faults, std::vector<Fault>{plans[0].faults[0]});
  EXPECT_EQ(kept[1].faults, std::vector<Fault>{plans[1].faults[1]});
  EXPECT_EQ(kept[1].activator, Activator::kLegacyInterfaces);
  EXPECT_EQ(kept[1].boot, 2);
  EXPECT_EQ(CountFaults(KeepFaults(plans, FaultsOf(plans), {})), 0u);
}

TEST(FaultSubset, FormatsFaultsWithTheirParameters) {
  std::vector<BootPlan> plans = TwoBootsFourFaults();
  EXPECT_EQ(FormatPlanFaults(plans),
            "boot 1: nm-before-local, connection-reup; boot 2: nm-before-local, "
            "delay(NetworkManager.service, 1500 ms)");
  EXPECT_EQ(FormatPlanFaults(KeepFaults(plans, FaultsOf(plans), {1})),
            "boot 1: connection-reup; boot 2: no faults");
}

}  // namespace
}  // namespace bootstorm
