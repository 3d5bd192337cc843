#include "boot_completes_checker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "scenario.h"

namespace bootstorm {
namespace {

struct StageEvidence {
  std::string_view unit;
  std::string_view event;  ///< what the timeline at `end` must show
};

constexpr StageEvidence kStages[] = {{kUnitEarly, kEventActiveEnter},
                                     {kUnitLocal, kEventActiveEnter},
                                     {kUnitNetwork, kEventActiveEnter},
                                     {kUnitFinal, kEventInactiveExit}};

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

std::vector<std::string> Problems(const std::vector<Observation>& observations) {
  if (!Find(observations, kCheckpointFinal)) return {"no observation at final"};
  const Observation* end = Find(observations, kCheckpointEnd);
  if (!end) return {"no observation at end"};
  std::vector<std::string> problems;
  for (const StageEvidence& s : kStages) {
    if (!Has(end->timeline, s.unit, s.event))
      problems.push_back(fmt::format("{} shows no {} at end", s.unit, s.event));
  }
  for (const TimelineEvent& e : end->timeline) {
    if (e.event == kEventFailed && e.unit.starts_with(kAgentUnitPrefix))
      problems.push_back(fmt::format("{} failed", e.unit));
  }
  return problems;
}

}  // namespace

std::string_view BootCompletesChecker::name() const { return kCheckBootCompletes; }

CheckResult BootCompletesChecker::Check(const BootExpectation&,
                                        const std::vector<Observation>& observations) const {
  CheckResult result{std::string(name()),      true, "", nlohmann::json::object(),
                     nlohmann::json::object(), ""};
  for (const StageEvidence& s : kStages) result.expected[std::string(s.unit)] = s.event;
  if (!observations.empty()) {
    for (const TimelineEvent& e : observations.back().timeline) {
      if (e.unit.starts_with(kAgentUnitPrefix)) result.actual[e.unit].push_back(e.event);
    }
  }
  std::vector<std::string> problems = Problems(observations);
  if (!problems.empty()) {
    result.passed = false;
    result.checkpoint = std::string(kCheckpointEnd);
    result.message = fmt::format("{}", fmt::join(problems, "; "));
  }
  return result;
}

}  // namespace bootstorm
