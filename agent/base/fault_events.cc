#include "fault_events.h"

#include <sstream>

#include "files.h"

namespace bootstorm {
namespace {

/// Far above kMaxFaultEvents lines of a few hundred bytes each.
constexpr std::size_t kMaxFaultEventsFileBytes = 64 * 1024;

}  // namespace

bool RecordFaultEvent(const std::string& path, const FaultEvent& event) {
  return AppendLine(path, ToJson(event).dump());
}

std::vector<FaultEvent> ParseFaultEvents(std::string_view text) {
  std::vector<FaultEvent> events;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line) && events.size() < kMaxFaultEvents;) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    try {
      events.push_back(FaultEventFromJson(j, "fault"));
    } catch (const std::invalid_argument&) {
      // A line cut short by a power cut, or not ours: skip it.
    }
  }
  return events;
}

std::vector<FaultEvent> ReadFaultEvents(const std::string& path) {
  return ParseFaultEvents(ReadFileBounded(path, kMaxFaultEventsFileBytes).value_or(""));
}

}  // namespace bootstorm
