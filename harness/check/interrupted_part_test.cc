#include "interrupted_part.h"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>

namespace bootstorm {
namespace {

Observation At(std::string_view checkpoint, std::string_view part,
               std::vector<TimelineEvent> timeline = {}) {
  Observation o;
  o.checkpoint = std::string(checkpoint);
  o.part = std::string(part);
  o.timeline = std::move(timeline);
  return o;
}

TEST(RecoveryObservations, DropsTheInterruptedPart) {
  std::vector<Observation> all = {At(kCheckpointEarly, kPartInterrupted), At(kCheckpointEarly, ""),
                                  At(kCheckpointEnd, "")};
  std::vector<Observation> recovery = RecoveryObservations(all);
  ASSERT_EQ(recovery.size(), 2u);
  EXPECT_EQ(recovery[0], all[1]);
  EXPECT_EQ(recovery[1], all[2]);
}

BootPlan Plan(std::vector<Fault> faults) {
  BootPlan plan;
  plan.faults = std::move(faults);
  return plan;
}

TEST(InterruptedAfterRender, ShutdownPointsAfterTheLocalStage) {
  for (const char* unit : {"bootstorm-network.service", "bootstorm-final.service",
                           "NetworkManager.service", "NetworkManager-wait-online.service"})
    EXPECT_TRUE(InterruptedAfterRender(Plan({{"shutdown", unit}}), {})) << unit;
  for (const char* unit : {"bootstorm-early.service", "bootstorm-local.service", "dbus.service"})
    EXPECT_FALSE(InterruptedAfterRender(Plan({{"shutdown", unit}}), {})) << unit;
  // NetworkManager first: it starts before the local stage rendered.
  EXPECT_FALSE(InterruptedAfterRender(
      Plan({{"nm-before-local"}, {"shutdown", "NetworkManager.service"}}), {}));
  EXPECT_TRUE(InterruptedAfterRender(
      Plan({{"nm-before-local"}, {"shutdown", "bootstorm-network.service"}}), {}));
}

TEST(InterruptedAfterRender, PowerCutAfterTheInterruptedPartSawTheLocalStageDone) {
  BootPlan cut = Plan({{"power-cut", "", 9000}});
  TimelineEvent local_done{"bootstorm-local.service", "active-enter", 5'000'000};
  EXPECT_FALSE(InterruptedAfterRender(cut, {At(kCheckpointEarly, kPartInterrupted)}));
  EXPECT_TRUE(
      InterruptedAfterRender(cut, {At(kCheckpointAfterNetwork, kPartInterrupted, {local_done})}));
  // The recovery boot's own observations say nothing about the part before.
  EXPECT_FALSE(InterruptedAfterRender(cut, {At(kCheckpointAfterNetwork, "", {local_done})}));
  EXPECT_FALSE(InterruptedAfterRender(Plan({}), {At(kCheckpointAfterNetwork, "", {local_done})}));
}

}  // namespace
}  // namespace bootstorm
