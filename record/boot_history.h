// A boot's event history as the run folder keeps it: the observer's events
// (agent/protocol/history.h) with the probe's checkpoints merged in as
// markers, in guest time order, one JSON line each in
// vm-NNN/boot-K[.attempt-A].history.jsonl beside the boot's console log.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "history.h"
#include "observation.h"

namespace bootstorm {

/// Upper bound on one boot's history.jsonl (kMaxHistoryEventsPerBoot events
/// of a typical size, far below kMaxHistoryEventBytes each).
inline constexpr std::size_t kMaxHistoryFileBytes = 64 << 20;

/// The history file's name for the console log `console_log` (same folder,
/// same boot and attempt: ".console.log" becomes ".history.jsonl").
std::string HistoryLogName(std::string_view console_log);

/// `events` with one marker per observation of the boot (not of its
/// interrupted part), named after its checkpoint, at its guest time; sorted
/// by guest time, events of equal time kept in their order, markers after.
std::vector<HistoryEvent> WithCheckpointMarkers(std::vector<HistoryEvent> events,
                                                const std::vector<Observation>& observations);

/// The guest time of the end checkpoint's marker, or of the last event when
/// the history has none; 0 for an empty history.
std::int64_t HistoryEndUs(const std::vector<HistoryEvent>& history);

/// The events the observer reported lost (its "dropped" events, until the
/// end checkpoint) and when it first reported a loss.
struct LostEvents {
  std::uint64_t count = 0;
  std::int64_t first_us = 0;  ///< guest time of the first "dropped" event
};
LostEvents LostHistoryEvents(const std::vector<HistoryEvent>& history);

/// Who caused a resolv-conf event, as a person reads it:
/// "NetworkManager (pid 512, NetworkManager.service)"; "an unknown process"
/// when the kernel did not say.
std::string DescribeWriter(const std::optional<HistoryWriter>& writer);

/// What an event of the race (job, unit, link, address, nm-*) was, as a
/// person reads it: "reload job of NetworkManager.service queued",
/// "NetworkManager DNS mode default"; "" for other kinds.
std::string DescribeRaceEvent(const HistoryEvent& e);

/// One line per event.
std::string SerializeHistory(const std::vector<HistoryEvent>& events);

/// The events of a history file's text; throws BadInput naming `file`, the
/// line and the JSON path of the first bad line.
std::vector<HistoryEvent> ParseHistory(std::string_view text, const std::string& file);

/// The history stored beside the console log `console_log` (relative to
/// `run_dir`): empty when the boot has none (a guest without the observer,
/// a run recorded before it); throws BadInput when the file is unreadable,
/// too large or malformed.
std::vector<HistoryEvent> ReadBootHistory(const std::filesystem::path& run_dir,
                                          std::string_view console_log);

}  // namespace bootstorm
