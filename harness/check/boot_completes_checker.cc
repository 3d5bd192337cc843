#include "boot_completes_checker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <span>

#include "scenario.h"

namespace bootstorm {
namespace {

struct StageEvidence {
  std::string_view unit;
  std::string_view event;  ///< what the timeline at `end` must show
  /// Another name of the same stage in other releases; either will do.
  std::string_view alias = {};
};

constexpr StageEvidence kAgentStages[] = {{kUnitEarly, kEventActiveEnter},
                                          {kUnitLocal, kEventActiveEnter},
                                          {kUnitNetwork, kEventActiveEnter},
                                          {kUnitFinal, kEventInactiveExit}};
// With cloud-init the agent has no local stage; cloud-init's four stages
// must have become active (cloud-final before the agent's final began).
constexpr StageEvidence kCloudInitStages[] = {
    {kUnitEarly, kEventActiveEnter},
    {kUnitCloudInitLocal, kEventActiveEnter},
    {kUnitCloudInitNetwork, kEventActiveEnter, kUnitCloudInitNetwork22},
    {kUnitNetwork, kEventActiveEnter},
    {kUnitCloudConfig, kEventActiveEnter},
    {kUnitCloudFinal, kEventActiveEnter},
    {kUnitFinal, kEventInactiveExit}};

std::span<const StageEvidence> StagesOf(const BootExpectation& expected) {
  if (expected.sut_is_cloud_init) return kCloudInitStages;
  return kAgentStages;
}

bool Has(const std::vector<TimelineEvent>& timeline, std::string_view unit,
         std::string_view event) {
  return std::any_of(timeline.begin(), timeline.end(),
                     [&](const TimelineEvent& e) { return e.unit == unit && e.event == event; });
}

const Observation* Find(const std::vector<Observation>& observations, std::string_view checkpoint) {
  for (const Observation& o : observations) {
    if (o.checkpoint == checkpoint) return &o;
  }
  return nullptr;
}

std::vector<std::string> Problems(const BootExpectation& expected,
                                  const std::vector<Observation>& observations) {
  if (!Find(observations, kCheckpointFinal)) return {"no observation at final"};
  const Observation* end = Find(observations, kCheckpointEnd);
  if (!end) return {"no observation at end"};
  std::vector<std::string> problems;
  for (const StageEvidence& s : StagesOf(expected)) {
    if (!Has(end->timeline, s.unit, s.event) &&
        (s.alias.empty() || !Has(end->timeline, s.alias, s.event)))
      problems.push_back(fmt::format("{} shows no {} at end", s.unit, s.event));
  }
  for (const TimelineEvent& e : end->timeline) {
    if (e.event == kEventFailed && IsSutUnit(e.unit))
      problems.push_back(fmt::format("{} failed", e.unit));
  }
  return problems;
}

}  // namespace

std::string_view BootCompletesChecker::name() const { return kCheckBootCompletes; }

CheckResult BootCompletesChecker::Check(const BootExpectation& expected,
                                        const std::vector<Observation>& observations) const {
  CheckResult result{std::string(name()),      true, "", nlohmann::json::object(),
                     nlohmann::json::object(), ""};
  for (const StageEvidence& s : StagesOf(expected)) result.expected[std::string(s.unit)] = s.event;
  if (!observations.empty()) {
    for (const TimelineEvent& e : observations.back().timeline) {
      if (IsSutUnit(e.unit)) result.actual[e.unit].push_back(e.event);
    }
  }
  std::vector<std::string> problems = Problems(expected, observations);
  if (!problems.empty()) {
    result.passed = false;
    result.checkpoint = std::string(kCheckpointEnd);
    result.message = fmt::format("{}", fmt::join(problems, "; "));
  }
  return result;
}

}  // namespace bootstorm
