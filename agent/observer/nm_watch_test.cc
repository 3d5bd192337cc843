#include "nm_watch.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(NmDeviceStateName, NetworkManagersNames) {
  EXPECT_EQ(NmDeviceStateName(100), "activated");
  EXPECT_EQ(NmDeviceStateName(30), "disconnected");
  EXPECT_EQ(NmDeviceStateName(70), "ip-config");
  EXPECT_EQ(NmDeviceStateName(120), "failed");
  EXPECT_EQ(NmDeviceStateName(0), "unknown");
  EXPECT_EQ(NmDeviceStateName(101), "unknown");
}

}  // namespace
}  // namespace bootstorm
