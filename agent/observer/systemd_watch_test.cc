#include "systemd_watch.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(UnitNameOfPath, UnescapesSystemdEscapes) {
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/dbus_2eservice"), "dbus.service");
  EXPECT_EQ(
      UnitNameOfPath("/org/freedesktop/systemd1/unit/NetworkManager_2dwait_2donline_2eservice"),
      "NetworkManager-wait-online.service");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/cloud_2dinit_2dlocal_2eservice"),
            "cloud-init-local.service");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/a_5F_2Eb"), "a_.b");
}

TEST(UnitNameOfPath, RefusesOtherPathsAndBadEscapes) {
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1"), "");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/job/42"), "");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/dbus_2"), "");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/dbus_zzservice"), "");
  EXPECT_EQ(UnitNameOfPath("/org/freedesktop/systemd1/unit/a/b"), "");
}

}  // namespace
}  // namespace bootstorm
