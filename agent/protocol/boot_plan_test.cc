#include "boot_plan.h"

#include <gtest/gtest.h>

#include "strict_json.h"

namespace bootstorm {
namespace {

BootPlan SamplePlan() {
  return BootPlan{"run-1",
                  3,
                  2,
                  Activator::kLegacyInterfaces,
                  {{std::string(kFaultNmBeforeLocal)}, {std::string(kFaultConnectionReup)}}};
}

TEST(BootPlan, JsonRoundTrip) { EXPECT_EQ(BootPlanFromJson(ToJson(SamplePlan())), SamplePlan()); }

TEST(BootPlan, CmdlineRoundTripAmongOtherParameters) {
  std::string cmdline =
      "root=/dev/vda rw console=ttyS0 " + EncodePlanForCmdline(SamplePlan()) + " quiet";
  auto plan = DecodePlanFromCmdline(cmdline);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(*plan, SamplePlan());
}

TEST(BootPlan, EncodedPlanHasNoCmdlineSeparators) {
  std::string encoded = EncodePlanForCmdline(SamplePlan());
  EXPECT_EQ(encoded.find_first_of(" \t\n\"'"), std::string::npos);
}

TEST(BootPlan, AbsentPlanIsNullopt) {
  EXPECT_FALSE(DecodePlanFromCmdline("root=/dev/vda console=ttyS0").has_value());
}

TEST(BootPlan, GarbagePlanThrows) {
  EXPECT_THROW(DecodePlanFromCmdline("bootstorm.plan=!!!"), std::invalid_argument);
  EXPECT_THROW(DecodePlanFromCmdline("bootstorm.plan=bm90IGpzb24"), std::invalid_argument);
}

TEST(BootPlan, UnknownFaultNamesItsPath) {
  nlohmann::json j = ToJson(SamplePlan());
  j["faults"][1]["kind"] = "meteor-strike";
  try {
    BootPlanFromJson(j);
    FAIL() << "accepted an unknown fault";
  } catch (const JsonPathError& e) {
    EXPECT_EQ(e.path(), "plan.faults[1].kind");
  }
}

TEST(BootPlan, UnknownKeyAndWrongTypeAreRejected) {
  nlohmann::json j = ToJson(SamplePlan());
  j["extra"] = 1;
  EXPECT_THROW(BootPlanFromJson(j), JsonPathError);
  j = ToJson(SamplePlan());
  j["boot"] = "2";
  EXPECT_THROW(BootPlanFromJson(j), JsonPathError);
  j = ToJson(SamplePlan());
  j["boot"] = 0;
  EXPECT_THROW(BootPlanFromJson(j), JsonPathError);
}

TEST(Activator, CloudInitRendersButTheAgentDoesNotManageTheNetwork) {
  EXPECT_EQ(ParseActivator("cloud-init"), Activator::kCloudInit);
  EXPECT_FALSE(AgentManagesNetwork(Activator::kCloudInit));
  EXPECT_TRUE(RendersConfigDrive(Activator::kCloudInit));
  EXPECT_FALSE(RendersConfigDrive(Activator::kNone));
  EXPECT_TRUE(RendersConfigDrive(Activator::kReference));
}

TEST(FaultUnsupportedReason, RefusesWhatActsOnTheAgentsOwnStepsUnderCloudInit) {
  EXPECT_EQ(FaultUnsupportedReason(kFaultNmKill, "", Activator::kReference), "");
  for (std::string_view kind : {kFaultNmKill, kFaultNmRestart})
    EXPECT_NE(FaultUnsupportedReason(kind, "", Activator::kCloudInit)
                  .find("acts on the agent's own activation steps"),
              std::string::npos)
        << kind;
  // The ordering faults have replacement units for cloud-init's (unit_ordering.h).
  for (std::string_view kind : {kFaultNmBeforeLocal, kFaultLocalAfterOnline, kFaultNetworkBeforeNm})
    EXPECT_EQ(FaultUnsupportedReason(kind, "", Activator::kCloudInit), "") << kind;
  EXPECT_NE(FaultUnsupportedReason(kFaultShutdown, kUnitLocal, Activator::kCloudInit)
                .find("has no bootstorm-local.service"),
            std::string::npos);
  EXPECT_EQ(FaultUnsupportedReason(kFaultShutdown, kUnitCloudFinal, Activator::kCloudInit), "");
  EXPECT_EQ(FaultUnsupportedReason(kFaultConnectionReup, "", Activator::kCloudInit), "");
  EXPECT_NE(FaultUnsupportedReason("no-such-fault", "", Activator::kCloudInit), "");
}

TEST(Activator, EveryNameRoundTrips) {
  for (Activator a : kAllActivators) EXPECT_EQ(ParseActivator(ActivatorName(a)), a);
  EXPECT_EQ(ParseActivator("legacy-final-restart"), Activator::kLegacyFinalRestart);
  EXPECT_EQ(ParseActivator("none"), Activator::kNone);
  EXPECT_EQ(ParseActivator("Reference"), std::nullopt);
}

TEST(BootPlan, HasFault) {
  EXPECT_TRUE(SamplePlan().HasFault(kFaultNmBeforeLocal));
  EXPECT_FALSE(BootPlan{}.HasFault(kFaultNmBeforeLocal));
  BootPlan plan = SamplePlan();
  EXPECT_EQ(plan.FindFault(kFaultConnectionReup), &plan.faults[1]);
  EXPECT_EQ(plan.FindFault(kFaultDelay), nullptr);
}

TEST(BootPlan, FaultParametersRoundTripAndOnlyThoseTheKindTakes) {
  BootPlan plan = SamplePlan();
  plan.faults.push_back({std::string(kFaultDelay), "NetworkManager.service", 1500});
  EXPECT_EQ(ToJson(plan)["faults"][2].dump(),
            R"({"kind":"delay","ms":1500,"unit":"NetworkManager.service"})");
  EXPECT_EQ(ToJson(plan)["faults"][0].dump(), R"({"kind":"nm-before-local"})");
  EXPECT_EQ(DecodePlanFromCmdline(EncodePlanForCmdline(plan)), plan);

  nlohmann::json j = ToJson(plan);
  j["faults"][0]["ms"] = 5;  // nm-before-local takes no duration
  EXPECT_THROW(BootPlanFromJson(j), JsonPathError);
  j = ToJson(plan);
  j["faults"][2].erase("unit");
  EXPECT_THROW(BootPlanFromJson(j), JsonPathError);
  j = ToJson(plan);
  j["faults"][2]["ms"] = -1;
  try {
    BootPlanFromJson(j);
    FAIL() << "accepted a negative duration";
  } catch (const JsonPathError& e) {
    EXPECT_EQ(e.path(), "plan.faults[2].ms");
  }
}

// Found by boot_plan_fuzzer: a plan drew `ms` 0 from a range such as
// [0, 3000], ToJson left the zero out, and the guest rejected the plan.
TEST(BootPlan, ParametersAtZeroOrEmptyRoundTrip) {
  BootPlan plan = SamplePlan();
  plan.faults.push_back({std::string(kFaultDelay), "dbus.service", 0});
  EXPECT_EQ(ToJson(plan)["faults"][2].dump(), R"({"kind":"delay","ms":0,"unit":"dbus.service"})");
  EXPECT_EQ(BootPlanFromJson(ToJson(plan)), plan);
  EXPECT_EQ(DecodePlanFromCmdline(EncodePlanForCmdline(plan)), plan);
}

TEST(BootPlan, DelayNamesOnlyUnitsOfTheCatalog) {
  BootPlan plan = SamplePlan();
  for (std::string_view unit : kDelayableUnits)
    plan.faults.push_back({std::string(kFaultDelay), std::string(unit), 10});
  EXPECT_EQ(BootPlanFromJson(ToJson(plan)), plan);

  nlohmann::json j = ToJson(plan);
  j["faults"][2]["unit"] = "sshd.service";
  try {
    BootPlanFromJson(j);
    FAIL() << "accepted a unit outside the catalog";
  } catch (const JsonPathError& e) {
    EXPECT_EQ(e.path(), "plan.faults[2].unit");
    EXPECT_NE(std::string(e.what()).find("allowed: bootstorm-early.service,"), std::string::npos)
        << e.what();
  }
}

TEST(FaultKind, OrderingAndNetworkManagerFaultsTakeNoParameters) {
  for (std::string_view kind :
       {kFaultLocalAfterOnline, kFaultNetworkBeforeNm, kFaultNmKill, kFaultNmRestart}) {
    const FaultKind* k = FindFaultKind(kind);
    ASSERT_NE(k, nullptr) << kind;
    EXPECT_FALSE(k->takes_unit || k->takes_ms || k->takes_percent) << kind;
    EXPECT_TRUE(FaultUnitAllowed(*k, "anything.service"));
  }
}

TEST(BootPlan, FormatFaultShowsTheParametersTheKindTakes) {
  EXPECT_EQ(FormatFault({.kind = "nm-before-local"}), "nm-before-local");
  EXPECT_EQ(FormatFault({.kind = "delay", .unit = "dbus.service", .ms = 1500}),
            "delay(dbus.service, 1500 ms)");
  EXPECT_EQ(FormatFault({.kind = "power-cut", .ms = 0}), "power-cut(0 ms)");
}

}  // namespace
}  // namespace bootstorm
