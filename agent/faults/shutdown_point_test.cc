#include "shutdown_point.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

BootPlan PlanWith(std::vector<Fault> faults) {
  BootPlan plan;
  plan.faults = std::move(faults);
  return plan;
}

TEST(RenderShutdownDropIn, RequestsThePoweroffBeforeTheUnitStarts) {
  auto drop_ins = RenderShutdownDropIn(PlanWith({{"shutdown", "bootstorm-final.service"}}));
  ASSERT_EQ(drop_ins.size(), 1u);
  EXPECT_EQ(drop_ins.begin()->first, "bootstorm-final.service.d/10-shutdown.conf");
  EXPECT_NE(drop_ins.begin()->second.find(
                "[Service]\nExecStartPre=/usr/bin/systemctl --no-block poweroff\n"),
            std::string::npos);
  // The shutdown stops the unit even when it has no default dependencies.
  EXPECT_NE(drop_ins.begin()->second.find("[Unit]\nConflicts=shutdown.target\n"),
            std::string::npos);
  // Sorted before legacy-final-restart's drop-in, so its reload does not run first.
  EXPECT_LT(drop_ins.begin()->first, "bootstorm-final.service.d/60-legacy-final-restart.conf");
}

TEST(RenderShutdownDropIn, NothingWithoutAShutdownOrForAnUnknownUnit) {
  EXPECT_TRUE(RenderShutdownDropIn(PlanWith({{"nm-before-local"}})).empty());
  EXPECT_TRUE(RenderShutdownDropIn(PlanWith({{"shutdown", "../../etc/x.service"}})).empty());
  EXPECT_TRUE(RenderShutdownDropIn(PlanWith({{"shutdown", "sshd.service"}})).empty());
}

TEST(RenderShutdownDropIn, OnlyTheFirstInterruptingFaultCounts) {
  // A power cut first: the host interrupts the boot, the guest does not.
  EXPECT_TRUE(RenderShutdownDropIn(
                  PlanWith({{"power-cut", "", 900}, {"shutdown", "NetworkManager.service"}}))
                  .empty());
  auto drop_ins = RenderShutdownDropIn(PlanWith(
      {{"shutdown", "NetworkManager.service"}, {"shutdown", "bootstorm-network.service"}}));
  ASSERT_EQ(drop_ins.size(), 1u);
  EXPECT_EQ(drop_ins.begin()->first, "NetworkManager.service.d/10-shutdown.conf");
}

}  // namespace
}  // namespace bootstorm
