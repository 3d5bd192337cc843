#include "boot_timeline.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Observation At(std::string checkpoint, std::int64_t us, std::vector<TimelineEvent> timeline,
               std::string part = "") {
  Observation o;
  o.checkpoint = std::move(checkpoint);
  o.monotonic_us = us;
  o.timeline = std::move(timeline);
  o.part = std::move(part);
  return o;
}

const std::string kNm = "NetworkManager.service";

std::vector<TimelineSpan> SpansOf(const BootTimeline& t, const std::string& unit) {
  std::vector<TimelineSpan> spans;
  for (const TimelineSpan& s : t.spans) {
    if (s.unit == unit) spans.push_back(s);
  }
  return spans;
}

TEST(BootTimelineTest, EventsOfAllObservationsMakeEachUnitsSpansOnce) {
  BootRecord boot;
  // NetworkManager started, then was restarted between the checkpoints.
  boot.observations = {At("early", 10'000'000,
                          {{kNm, "inactive-exit", 2'000'000}, {kNm, "active-enter", 3'000'000}}),
                       At("final", 20'000'000,
                          {{kNm, "inactive-exit", 12'000'000},
                           {kNm, "active-enter", 13'000'000},
                           {kNm, "active-exit", 11'000'000},
                           {kNm, "inactive-enter", 11'500'000}})};
  std::vector<BootTimeline> t = BootTimelines(boot);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].end_s, 20);
  EXPECT_EQ(SpansOf(t[0], kNm),
            (std::vector<TimelineSpan>{{kNm, SpanKind::kActivating, 2, 3},
                                       {kNm, SpanKind::kActive, 3, 11},
                                       {kNm, SpanKind::kDeactivating, 11, 11.5},
                                       {kNm, SpanKind::kActivating, 12, 13},
                                       {kNm, SpanKind::kActive, 13, 20, true}}));
}

TEST(BootTimelineTest, FailuresReloadsActivationsFaultsAndCheckpointsArePoints) {
  BootRecord boot;
  Observation o = At("after-network", 9'000'000, {{"dbus.service", "failed", 4'000'000}});
  o.nm_reloads = {{"reload", 5'000'000, "bootstorm-network.service"}};
  o.nm_activations = {{{"cloud-init ens2", 6'000'000, "cloud-init-network.service"}}};
  o.faults = {{"delay", "NetworkManager.service", 1'000'000, 2'500'000}};
  boot.observations = {o};
  boot.injections = {{"link", 30.0, "link down"}};
  boot.checks = {{.name = "nm-dns-none", .passed = false, .checkpoint = "after-network"}};
  std::vector<BootTimeline> t = BootTimelines(boot);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].end_s, 30);
  EXPECT_EQ(SpansOf(t[0], kNm),
            (std::vector<TimelineSpan>{{kNm, SpanKind::kGuestFault, 1, 2.5, false, "delay"}}));
  std::vector<TimelinePoint> expected = {
      {PointKind::kCheckpoint, "", 9, "after-network", true},
      {PointKind::kNmReload, kNm, 5, "reload (asked by bootstorm-network.service)"},
      {PointKind::kNmActivation, kNm, 6,
       "activate 'cloud-init ens2' (asked by cloud-init-network.service)"},
      {PointKind::kUnitFailed, "dbus.service", 4, "failed"},
      {PointKind::kHostFault, "", 30, "link: link down"}};
  EXPECT_EQ(t[0].points, expected);
}

TEST(BootTimelineTest, InterruptedBootHasTwoTimelinesInterruptedFirst) {
  BootRecord boot;
  boot.observations = {At("early", 5'000'000, {}), At("early", 6'000'000, {}, "interrupted")};
  boot.injections = {{"power-cut", 7.5, "destroyed"}};
  std::vector<BootTimeline> t = BootTimelines(boot);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].part, kPartInterrupted);
  EXPECT_EQ(t[0].end_s, 7.5);  // the host's power cut belongs to the first part
  EXPECT_EQ(t[1].part, "");
  EXPECT_EQ(t[1].end_s, 5);
}

TEST(BootTimelineTest, BootWithoutObservationsShowsItsHostFaults) {
  BootRecord boot;
  boot.injections = {{"power-cut", 2, ""}};
  std::vector<BootTimeline> t = BootTimelines(boot);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].points, (std::vector<TimelinePoint>{{PointKind::kHostFault, "", 2, "power-cut"}}));
}

TEST(BootTimelineTest, TheHistorysResolvConfWritesAndDnsChangesGoOnTheRecoveryBootsLanes) {
  BootRecord boot;
  boot.observations = {At("early", 1'000'000, {}, "interrupted"), At("final", 9'000'000, {})};
  HistoryEvent initial;
  initial.kind = std::string(kHistoryResolvConf);
  initial.op = "initial";
  initial.monotonic_us = 2'000'000;
  initial.content = "nameserver 192.0.2.53\n";
  HistoryEvent rewrite = initial;
  rewrite.op = "moved-to";
  rewrite.monotonic_us = 12'000'000;
  rewrite.content = "nameserver 198.51.100.1\n";
  rewrite.writer = HistoryWriter{512, "NetworkManager", "", "NetworkManager.service"};
  HistoryEvent dns;
  dns.kind = std::string(kHistoryNmDns);
  dns.monotonic_us = 3'000'000;
  dns.mode = "default";
  std::vector<BootTimeline> t = BootTimelines(boot, {initial, dns, rewrite});
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].part, "interrupted");
  EXPECT_EQ(t[1].end_s, 12);  // the history reaches past the last checkpoint
  std::vector<TimelinePoint> history;
  for (const TimelinePoint& p : t[1].points)
    if (p.kind == PointKind::kResolvConfWrite || p.kind == PointKind::kNmDns) history.push_back(p);
  EXPECT_EQ(history,
            (std::vector<TimelinePoint>{
                {PointKind::kResolvConfWrite, "resolv.conf", 2,
                 "initial by an unknown process: name servers [192.0.2.53], search []"},
                {PointKind::kNmDns, "NetworkManager DNS", 3, "mode default"},
                {PointKind::kResolvConfWrite, "resolv.conf", 12,
                 "moved-to by NetworkManager (pid 512, NetworkManager.service): name servers "
                 "[192.0.2.53], search [] -> name servers [198.51.100.1], search []"}}));
}

}  // namespace
}  // namespace bootstorm
