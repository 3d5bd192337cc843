#include "fault_catalog.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "boot_plan.h"

namespace bootstorm {
namespace {

TEST(FaultCatalog, EveryKindIsInExactlyOneFamily) {
  std::set<std::string_view> names;
  std::size_t kinds = 0;
  for (const FaultFamily& family : kFaultFamilies) {
    EXPECT_FALSE(family.kinds.empty()) << family.name;
    for (const FaultKind& k : family.kinds) {
      names.insert(k.name);
      ++kinds;
      EXPECT_EQ(FindFaultKind(k.name), &k);
    }
  }
  EXPECT_EQ(names.size(), kinds) << "a kind is declared twice";
  EXPECT_EQ(FindFaultKind("meteor"), nullptr);
}

TEST(FaultCatalog, TheUnknownKindErrorListsEveryKindByFamily) {
  std::string error = UnknownFaultError("meteor");
  EXPECT_TRUE(error.starts_with("unknown fault 'meteor' (known: unit-ordering: nm-before-local"))
      << error;
  for (const FaultFamily& family : kFaultFamilies)
    for (const FaultKind& k : family.kinds)
      EXPECT_NE(error.find(" " + std::string(k.name)), std::string::npos) << k.name;
}

// The expectation each family declares: which kinds make the renderer path
// miss, interrupt the boot, or own NetworkManager's reloads in their window.
TEST(FaultCatalog, FamiliesDeclareWhatTheyChangeInTheExpectation) {
  auto with = [](bool FaultKind::*flag) {
    std::set<std::string_view> kinds;
    for (const FaultFamily& family : kFaultFamilies)
      for (const FaultKind& k : family.kinds)
        if (k.*flag) kinds.insert(k.name);
    return kinds;
  };
  EXPECT_EQ(
      with(&FaultKind::misses_renderer_path),
      (std::set<std::string_view>{kFaultNmBeforeLocal, kFaultLocalAfterOnline, kFaultLateConfig}));
  EXPECT_EQ(with(&FaultKind::interrupts_boot),
            (std::set<std::string_view>{kFaultShutdown, kFaultPowerCut}));
  EXPECT_EQ(with(&FaultKind::disrupts_network_manager),
            (std::set<std::string_view>{kFaultNmKill, kFaultNmRestart}));
}

TEST(FaultCatalog, APlanAsksForAFlagThroughItsFaultsKinds) {
  BootPlan plan;
  EXPECT_FALSE(plan.HasFaultThat(&FaultKind::misses_renderer_path));
  plan.faults = {{std::string(kFaultDelay), std::string(kUnitDbus), 10}};
  EXPECT_FALSE(plan.HasFaultThat(&FaultKind::misses_renderer_path));
  plan.faults.push_back({std::string(kFaultLateConfig), "", 2000});
  EXPECT_TRUE(plan.HasFaultThat(&FaultKind::misses_renderer_path));
  EXPECT_FALSE(plan.HasFaultThat(&FaultKind::interrupts_boot));
  EXPECT_TRUE(FaultKindHas(kFaultPowerCut, &FaultKind::interrupts_boot));
  EXPECT_FALSE(FaultKindHas("meteor", &FaultKind::interrupts_boot));
}

// The shutdown point list is the kind's unit list: a plan naming another
// unit is refused where it is parsed, before the guest names a drop-in after it.
TEST(FaultCatalog, APlansShutdownUnitIsOneOfTheShutdownPoints) {
  nlohmann::json fault = {{"kind", "shutdown"}, {"unit", "../x.service"}};
  try {
    FaultFromJson(fault, "plan.faults[0]");
    FAIL() << "accepted a shutdown at ../x.service";
  } catch (const std::invalid_argument& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "plan.faults[0].unit: unit '../x.service' cannot be used with fault 'shutdown'"))
        << e.what();
  }
  fault["unit"] = kUnitCloudFinal;
  EXPECT_EQ(FaultFromJson(fault, "plan.faults[0]").unit, kUnitCloudFinal);
}

}  // namespace
}  // namespace bootstorm
