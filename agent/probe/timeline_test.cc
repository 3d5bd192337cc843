#include "timeline.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

// Shape of `systemctl show -p ...` on systemd 252 for two units.
constexpr std::string_view kShow =
    "InactiveExitTimestampMonotonic=9000000\n"
    "ActiveEnterTimestampMonotonic=0\n"
    "ActiveExitTimestampMonotonic=0\n"
    "InactiveEnterTimestampMonotonic=0\n"
    "Id=bootstorm-final.service\n"
    "ActiveState=activating\n"
    "\n"
    "InactiveExitTimestampMonotonic=2000000\n"
    "ActiveEnterTimestampMonotonic=3500000\n"
    "ActiveExitTimestampMonotonic=0\n"
    "InactiveEnterTimestampMonotonic=0\n"
    "Id=NetworkManager.service\n"
    "ActiveState=active\n";

TEST(TimelineQuery, OneSystemctlCallForEveryUnit) {
  std::vector<std::string> argv = TimelineQuery();
  ASSERT_GE(argv.size(), 4u + std::size(kTimelineUnits));
  EXPECT_EQ(argv[0], "systemctl");
  EXPECT_EQ(argv[1], "show");
  EXPECT_EQ(argv[3],
            "Id,ActiveState,InactiveExitTimestampMonotonic,ActiveEnterTimestampMonotonic,"
            "ActiveExitTimestampMonotonic,InactiveEnterTimestampMonotonic");
  EXPECT_EQ(argv.back(), kConfigDriveDeviceUnit);  // when the drive appeared (late-config)
}

TEST(ParseSystemctlShow, NonZeroTimestampsInTimeOrder) {
  EXPECT_EQ(ParseSystemctlShow(kShow),
            (std::vector<TimelineEvent>{{"NetworkManager.service", "inactive-exit", 2000000},
                                        {"NetworkManager.service", "active-enter", 3500000},
                                        {"bootstorm-final.service", "inactive-exit", 9000000}}));
}

TEST(ParseSystemctlShow, FailedUnitGetsAFailedEvent) {
  std::vector<TimelineEvent> events = ParseSystemctlShow(
      "Id=bootstorm-local.service\nActiveState=failed\n"
      "InactiveExitTimestampMonotonic=100\nInactiveEnterTimestampMonotonic=250\n");
  EXPECT_EQ(events, (std::vector<TimelineEvent>{{"bootstorm-local.service", "inactive-exit", 100},
                                                {"bootstorm-local.service", "inactive-enter", 250},
                                                {"bootstorm-local.service", "failed", 250}}));
}

TEST(ParseSystemctlShow, SkipsGarbageAndBlocksWithoutId) {
  EXPECT_TRUE(ParseSystemctlShow("").empty());
  EXPECT_TRUE(ParseSystemctlShow("Failed to connect to bus\n").empty());
  EXPECT_TRUE(ParseSystemctlShow("ActiveEnterTimestampMonotonic=5\n").empty());
  EXPECT_TRUE(ParseSystemctlShow("Id=x.service\nActiveEnterTimestampMonotonic=12abc\n"
                                 "InactiveExitTimestampMonotonic=-4\n")
                  .empty());
}

TEST(ParseActiveState, ReadsTheNamedUnitsBlockOnly) {
  EXPECT_EQ(ParseActiveState(kShow, "NetworkManager.service"), "active");
  EXPECT_EQ(ParseActiveState(kShow, "bootstorm-final.service"), "activating");
  EXPECT_EQ(ParseActiveState(kShow, "dbus.service"), "");
  EXPECT_EQ(ParseActiveState("Id=NetworkManager.service\n", "NetworkManager.service"), "");
  EXPECT_EQ(ParseActiveState("Failed to connect to bus\n", "NetworkManager.service"), "");
}

TEST(ParseSystemctlShow, IsBounded) {
  std::string text;
  for (std::size_t i = 0; i < kMaxTimelineEvents + 10; ++i)
    text += "Id=u" + std::to_string(i) +
            ".service\nActiveEnterTimestampMonotonic=" + std::to_string(i + 1) + "\n\n";
  EXPECT_EQ(ParseSystemctlShow(text).size(), kMaxTimelineEvents);
}

}  // namespace
}  // namespace bootstorm
