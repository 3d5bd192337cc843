#include "unit_delays.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Fault Delay(std::string unit, int ms) { return {std::string(kFaultDelay), std::move(unit), ms}; }

TEST(RenderDelayDropIns, NoDelayNoDropIn) {
  BootPlan plan;
  plan.faults = {{std::string(kFaultNmBeforeLocal)}};
  EXPECT_TRUE(RenderDelayDropIns(plan).empty());
}

TEST(RenderDelayDropIns, OneDropInPerUnitWithAnExecStartPrePerDelay) {
  BootPlan plan;
  plan.faults = {Delay("NetworkManager.service", 1500), Delay("dbus.service", 200),
                 Delay("NetworkManager.service", 2600)};
  std::map<std::string, std::string> drop_ins = RenderDelayDropIns(plan);
  ASSERT_EQ(drop_ins.size(), 2u);
  EXPECT_EQ(drop_ins.at("NetworkManager.service.d/60-delay.conf"),
            "# Written by bootstorm-generator: fault delay.\n[Service]\n"
            "ExecStartPre=/usr/local/bin/bootstorm-agent delay NetworkManager.service 1500\n"
            "ExecStartPre=/usr/local/bin/bootstorm-agent delay NetworkManager.service 2600\n"
            "TimeoutStartSec=905s\n");
  EXPECT_NE(drop_ins.at("dbus.service.d/60-delay.conf")
                .find("ExecStartPre=/usr/local/bin/bootstorm-agent delay dbus.service 200\n"
                      "TimeoutStartSec=901s\n"),
            std::string::npos);
}

}  // namespace
}  // namespace bootstorm
