#include "boot_history.h"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "bad_input.h"
#include "bounded_file.h"
#include "run_dir_path.h"

namespace bootstorm {

std::string HistoryLogName(std::string_view console_log) {
  constexpr std::string_view kConsole = ".console.log";
  std::string name(console_log);
  if (name.ends_with(kConsole)) name.resize(name.size() - kConsole.size());
  return name + ".history.jsonl";
}

std::vector<HistoryEvent> WithCheckpointMarkers(std::vector<HistoryEvent> events,
                                                const std::vector<Observation>& observations) {
  for (const Observation& o : observations) {
    if (!o.part.empty()) continue;
    HistoryEvent marker;
    marker.kind = std::string(kHistoryMarker);
    marker.monotonic_us = o.monotonic_us;
    marker.name = o.checkpoint;
    events.push_back(std::move(marker));
  }
  std::stable_sort(events.begin(), events.end(), [](const HistoryEvent& a, const HistoryEvent& b) {
    return a.monotonic_us < b.monotonic_us;
  });
  return events;
}

std::int64_t HistoryEndUs(const std::vector<HistoryEvent>& history) {
  for (const HistoryEvent& e : history)
    if (e.kind == kHistoryMarker && e.name == kCheckpointEnd) return e.monotonic_us;
  return history.empty() ? 0 : history.back().monotonic_us;
}

LostEvents LostHistoryEvents(const std::vector<HistoryEvent>& history) {
  LostEvents lost;
  std::int64_t end_us = HistoryEndUs(history);
  for (const HistoryEvent& e : history) {
    if (e.monotonic_us > end_us) break;
    if (e.kind != kHistoryObserver || e.op != "dropped") continue;
    if (lost.count == 0) lost.first_us = e.monotonic_us;
    lost.count += e.count;
  }
  return lost;
}

std::string DescribeWriter(const std::optional<HistoryWriter>& w) {
  if (!w) return "an unknown process";
  std::string name = w->comm.empty() ? "a process that exited before it was named" : w->comm;
  return fmt::format("{} (pid {}{})", name, w->pid, w->unit.empty() ? "" : ", " + w->unit);
}

std::string DescribeRaceEvent(const HistoryEvent& e) {
  if (e.kind == kHistoryJob) {
    std::string job = (e.job_type.empty() ? "a" : e.job_type) + " job of " + e.unit;
    if (e.op == "removed") return fmt::format("{} finished ({})", job, e.result);
    return job + " queued";
  }
  if (e.kind == kHistoryUnit) return fmt::format("{} {}", e.unit, e.active_state);
  if (e.kind == kHistoryLink)
    return fmt::format("{} carrier {}", e.ifname, e.carrier ? "up" : "down");
  if (e.kind == kHistoryAddress)
    return fmt::format("address {} {} on {}", e.address, e.op == "add" ? "added" : "removed",
                       e.ifname);
  if (e.kind == kHistoryNmDns) return "NetworkManager DNS mode " + e.mode;
  if (e.kind == kHistoryNmDevice) return fmt::format("NetworkManager {} {}", e.ifname, e.state);
  if (e.kind == kHistoryNmConnection)
    return fmt::format("NetworkManager connection {} {}", e.name,
                       e.op == "add" ? "activated" : "gone");
  return "";
}

std::string SerializeHistory(const std::vector<HistoryEvent>& events) {
  std::string text;
  for (const HistoryEvent& e : events) text += SerializeHistoryEvent(e) + "\n";
  return text;
}

std::vector<HistoryEvent> ParseHistory(std::string_view text, const std::string& file) {
  std::vector<HistoryEvent> events;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (events.size() >= kMaxHistoryEventsPerBoot + kMaxObservationsPerBoot)
      throw BadInput(file + ": more than " + std::to_string(events.size()) + " events");
    try {
      events.push_back(ParseHistoryEvent(line));
    } catch (const std::invalid_argument& e) {
      throw BadInput(file + " line " + std::to_string(line_number) + ": " + e.what());
    }
  }
  return events;
}

std::vector<HistoryEvent> ReadBootHistory(const std::filesystem::path& run_dir,
                                          std::string_view console_log) {
  std::filesystem::path relative(HistoryLogName(console_log));
  if (!StaysInside(relative))
    throw BadInput("history file " + relative.string() + " is not inside the run folder");
  std::filesystem::path path = run_dir / relative;
  // A missing file is a boot without history; anything else there is read
  // (and refused when it is not a regular file).
  std::error_code ec;
  if (std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::not_found)
    return {};
  return ParseHistory(ReadFileBounded(path, kMaxHistoryFileBytes, {.no_follow = true}),
                      path.string());
}

}  // namespace bootstorm
