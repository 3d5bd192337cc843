#include "boot_completes_checker.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

std::vector<TimelineEvent> CompleteTimeline() {
  return {{"bootstorm-early.service", "inactive-exit", 1},
          {"bootstorm-early.service", "active-enter", 2},
          {"bootstorm-local.service", "inactive-exit", 3},
          {"bootstorm-local.service", "active-enter", 4},
          {"NetworkManager.service", "inactive-exit", 5},
          {"bootstorm-network.service", "inactive-exit", 6},
          {"bootstorm-network.service", "active-enter", 7},
          {"bootstorm-final.service", "inactive-exit", 8}};
}

std::vector<Observation> Boot(std::vector<TimelineEvent> timeline_at_end, bool with_final = true,
                              bool with_end = true) {
  std::vector<Observation> observations;
  if (with_final) observations.push_back(Observation{});
  if (with_final) observations.back().checkpoint = std::string(kCheckpointFinal);
  if (with_end) {
    observations.push_back(Observation{});
    observations.back().checkpoint = std::string(kCheckpointEnd);
    observations.back().timeline = std::move(timeline_at_end);
  }
  return observations;
}

TEST(BootCompletesChecker, AllStagesRanPasses) {
  CheckResult r = BootCompletesChecker().Check({}, Boot(CompleteTimeline()));
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected["bootstorm-final.service"], "inactive-exit");
  EXPECT_EQ(r.actual["bootstorm-local.service"], (nlohmann::json{"inactive-exit", "active-enter"}));
}

TEST(BootCompletesChecker, MissingCheckpointsFail) {
  CheckResult r = BootCompletesChecker().Check({}, Boot(CompleteTimeline(), false, true));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "no observation at final");
  r = BootCompletesChecker().Check({}, Boot(CompleteTimeline(), true, false));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "no observation at end");
}

TEST(BootCompletesChecker, StageThatNeverBecameActiveFails) {
  std::vector<TimelineEvent> timeline = CompleteTimeline();
  std::erase(timeline, TimelineEvent{"bootstorm-network.service", "active-enter", 7});
  CheckResult r = BootCompletesChecker().Check({}, Boot(timeline));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "bootstorm-network.service shows no active-enter at end");
}

TEST(BootCompletesChecker, FailedAgentUnitFailsOtherFailedUnitsDoNot) {
  std::vector<TimelineEvent> timeline = CompleteTimeline();
  timeline.push_back({"NetworkManager-wait-online.service", "failed", 9});
  EXPECT_TRUE(BootCompletesChecker().Check({}, Boot(timeline)).passed);
  timeline.push_back({"bootstorm-local.service", "failed", 9});
  CheckResult r = BootCompletesChecker().Check({}, Boot(timeline));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "bootstorm-local.service failed");
}

std::vector<TimelineEvent> CloudInitTimeline(std::string_view network_stage) {
  std::vector<TimelineEvent> t;
  std::int64_t at = 0;
  for (std::string_view unit : {kUnitEarly, kUnitCloudInitLocal, network_stage, kUnitNetwork,
                                kUnitCloudConfig, kUnitCloudFinal}) {
    t.push_back({std::string(unit), "inactive-exit", ++at});
    t.push_back({std::string(unit), "active-enter", ++at});
  }
  t.push_back({std::string(kUnitFinal), "inactive-exit", ++at});
  return t;
}

TEST(BootCompletesChecker, CloudInitNeedsItsFourStagesUnderEitherNetworkStageName) {
  BootExpectation e;
  e.sut_is_cloud_init = true;
  for (std::string_view stage : {kUnitCloudInitNetwork22, kUnitCloudInitNetwork})
    EXPECT_TRUE(BootCompletesChecker().Check(e, Boot(CloudInitTimeline(stage))).passed) << stage;
  // No local stage of the agent's is needed, and the agent's default would want one.
  EXPECT_FALSE(
      BootCompletesChecker().Check({}, Boot(CloudInitTimeline(kUnitCloudInitNetwork))).passed);
  std::vector<TimelineEvent> t = CloudInitTimeline(kUnitCloudInitNetwork22);
  std::erase(t, TimelineEvent{std::string(kUnitCloudFinal), "active-enter", 12});
  t.push_back({std::string(kUnitCloudConfig), "failed", 13});
  CheckResult r = BootCompletesChecker().Check(e, Boot(t));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message,
            "cloud-final.service shows no active-enter at end; cloud-config.service failed");
}

}  // namespace
}  // namespace bootstorm
