#include "timeline.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <sstream>

namespace bootstorm {
namespace {

struct Timestamp {
  std::string_view property;
  std::string_view event;
};

constexpr Timestamp kTimestamps[] = {
    {"InactiveExitTimestampMonotonic", kEventInactiveExit},
    {"ActiveEnterTimestampMonotonic", kEventActiveEnter},
    {"ActiveExitTimestampMonotonic", kEventActiveExit},
    {"InactiveEnterTimestampMonotonic", kEventInactiveEnter},
};

std::int64_t ParseMicros(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0 ? value : 0;
}

using Properties = std::map<std::string, std::string>;

// Calls `visit` with each unit's block of `systemctl show` output: KEY=VALUE
// lines, blocks separated by an empty line.
template <typename Visit>
void ForEachUnit(std::string_view text, Visit visit) {
  Properties block;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      if (!block.empty()) visit(block);
      block.clear();
      continue;
    }
    std::size_t equals = line.find('=');
    if (equals != std::string::npos) block[line.substr(0, equals)] = line.substr(equals + 1);
  }
  if (!block.empty()) visit(block);
}

void AddUnit(const Properties& block, std::vector<TimelineEvent>& events) {
  auto id = block.find("Id");
  if (id == block.end() || id->second.empty()) return;
  for (const Timestamp& t : kTimestamps) {
    auto it = block.find(std::string(t.property));
    std::int64_t us = it == block.end() ? 0 : ParseMicros(it->second);
    if (us > 0) events.push_back({id->second, std::string(t.event), us});
  }
  auto state = block.find("ActiveState");
  auto inactive = block.find("InactiveEnterTimestampMonotonic");
  if (state != block.end() && state->second == "failed")
    events.push_back({id->second, std::string(kEventFailed),
                      inactive == block.end() ? 0 : ParseMicros(inactive->second)});
}

}  // namespace

std::vector<std::string> TimelineQuery() {
  std::string properties = "Id,ActiveState";
  for (const Timestamp& t : kTimestamps) properties += "," + std::string(t.property);
  std::vector<std::string> argv = {"systemctl", "show", "-p", properties};
  for (std::string_view unit : kTimelineUnits) argv.emplace_back(unit);
  return argv;
}

std::vector<TimelineEvent> ParseSystemctlShow(std::string_view text) {
  std::vector<TimelineEvent> events;
  ForEachUnit(text, [&](const Properties& unit) { AddUnit(unit, events); });
  std::stable_sort(events.begin(), events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) {
                     return a.monotonic_us < b.monotonic_us;
                   });
  if (events.size() > kMaxTimelineEvents) events.resize(kMaxTimelineEvents);
  return events;
}

std::string ParseActiveState(std::string_view text, std::string_view unit) {
  std::string state;
  ForEachUnit(text, [&](const Properties& properties) {
    auto id = properties.find("Id");
    auto active = properties.find("ActiveState");
    if (id != properties.end() && id->second == unit && active != properties.end())
      state = active->second;
  });
  return state;
}

}  // namespace bootstorm
