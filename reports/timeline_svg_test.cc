#include "timeline_svg.h"

#include <gtest/gtest.h>

#include <regex>

namespace bootstorm {
namespace {

std::vector<std::string> LaneUnits(const std::string& svg) {
  std::vector<std::string> units;
  std::regex lane("<g class=\"lane\" data-unit=\"([^\"]*)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), lane), end; it != end; ++it)
    units.push_back((*it)[1]);
  return units;
}

TEST(TimelineSvgTest, OneLanePerUnitOfInterestInOrder) {
  std::string svg = RenderTimelineSvg({}, 10, false);
  EXPECT_EQ(LaneUnits(svg),
            std::vector<std::string>(std::begin(kTimelineUnits), std::end(kTimelineUnits)));
  EXPECT_TRUE(svg.starts_with("<svg class=\"timeline\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(TimelineSvgTest, SpansAreDrawnOnTheSharedAxis) {
  BootTimeline t;
  t.spans = {{"NetworkManager.service", SpanKind::kActive, 5, 10}};
  // Plot from x=150 to x=985: 10 s of 20 are at the middle.
  std::string svg = RenderTimelineSvg(t, 20, false);
  EXPECT_NE(svg.find("<rect class=\"span active\" x=\"358.8\" y=\"125.0\" width=\"208.8\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<text x=\"985.0\" y=\"12\">20 s</text>"), std::string::npos);
}

TEST(TimelineSvgTest, FailedCheckpointsAndBootsAreMarked) {
  BootTimeline t;
  t.points = {{PointKind::kCheckpoint, "", 3, "final", true},
              {PointKind::kCheckpoint, "", 2, "early", false}};
  std::string svg = RenderTimelineSvg(t, 4, true);
  EXPECT_TRUE(svg.starts_with("<svg class=\"timeline failed\""));
  EXPECT_NE(svg.find("<g class=\"checkpoint failed\" data-checkpoint=\"final\">"),
            std::string::npos);
  EXPECT_NE(svg.find("<g class=\"checkpoint\" data-checkpoint=\"early\">"), std::string::npos);
}

TEST(TimelineSvgTest, GuestTextIsEscapedAndUnknownUnitsGoToTheFaultRow) {
  BootTimeline t;
  t.spans = {{"<script>x</script>.service", SpanKind::kGuestFault, 1, 2, false, "<img>"}};
  t.points = {{PointKind::kCheckpoint, "", 1, "<b>", false}};
  std::string svg = RenderTimelineSvg(t, 4, false);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<img"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("fault &lt;img&gt; on &lt;script&gt;"), std::string::npos);
  EXPECT_EQ(LaneUnits(svg).size(), std::size(kTimelineUnits));
}

TEST(TimelineSvgTest, LaneNamesAreShort) {
  EXPECT_EQ(LaneName("bootstorm-local.service"), "agent local");
  EXPECT_EQ(LaneName("NetworkManager-wait-online.service"), "NM wait-online");
  EXPECT_EQ(LaneName(kConfigDriveDeviceUnit), "config drive");
  EXPECT_EQ(LaneName("dbus.service"), "dbus");
}

TEST(TimelineSvgTest, TheHistorysLanesComeAfterTheUnitsOnlyWhenThereIsAHistory) {
  BootTimeline t;
  t.points = {{PointKind::kResolvConfWrite, std::string(kResolvConfLane), 4, "moved-to by <x>"}};
  std::vector<std::string> lanes(std::begin(kTimelineUnits), std::end(kTimelineUnits));
  lanes.insert(lanes.end(), std::begin(kHistoryLanes), std::end(kHistoryLanes));
  std::string svg = RenderTimelineSvg(t, 10, false);
  EXPECT_EQ(LaneUnits(svg), lanes);
  EXPECT_NE(svg.find("<circle class=\"mark resolv-write\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("moved-to by &lt;x&gt; at 4.00 s"), std::string::npos) << svg;
  EXPECT_EQ(LaneUnits(RenderTimelineSvg({}, 10, false)).size(), std::size(kTimelineUnits));
}

}  // namespace
}  // namespace bootstorm
