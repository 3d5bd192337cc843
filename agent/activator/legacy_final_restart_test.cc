#include "legacy_final_restart.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(RenderFinalRestartDropIn, OnlyLegacyFinalRestartGetsTheUnitRestart) {
  for (Activator a : kAllActivators) {
    BootPlan plan;
    plan.activator = a;
    std::map<std::string, std::string> drop_ins = RenderFinalRestartDropIn(plan);
    if (a != Activator::kLegacyFinalRestart) {
      EXPECT_TRUE(drop_ins.empty()) << ActivatorName(a);
      continue;
    }
    ASSERT_EQ(drop_ins.size(), 1u);
    EXPECT_EQ(drop_ins.begin()->first, "bootstorm-final.service.d/60-legacy-final-restart.conf");
    EXPECT_NE(
        drop_ins.begin()->second.find("\nExecStartPre=-/usr/bin/systemctl reload-or-try-restart "
                                      "NetworkManager.service\n"),
        std::string::npos);
  }
}

}  // namespace
}  // namespace bootstorm
