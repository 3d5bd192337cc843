#include "domain_spec.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(GuestKernelCmdline, EndsWithThePlanAfterTheSpeedOptions) {
  std::string cmdline = GuestKernelCmdline("bootstorm.plan=x");
  EXPECT_EQ(cmdline.rfind(" bootstorm.plan=x"), cmdline.size() - 17);
  EXPECT_NE(cmdline.find("mitigations=off"), std::string::npos);
  EXPECT_NE(cmdline.find("panic=-1"), std::string::npos);
}

}  // namespace
}  // namespace bootstorm
