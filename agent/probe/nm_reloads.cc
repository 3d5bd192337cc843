#include "nm_reloads.h"

#include <charconv>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bootstorm {
namespace {

// systemd's catalog ids of the messages at the start of a job (job.c), and of
// the end of a reload job (which carries JOB_RESULT).
constexpr std::string_view kMessageStarting = "7d4958e842da4a758f6c1cdc7b36dcc5";
constexpr std::string_view kMessageStopping = "de5b426a63be47a7b6ac3eaac82e2f6f";
constexpr std::string_view kMessageReloading = "d34d037fff1847e6ae669a370e694725";
constexpr std::string_view kMessageReloaded = "7b05ebc668384222baa8881179cfda54";

std::string Field(const nlohmann::json& entry, const char* key) {
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t ParseMicros(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

// The SUT's unit (the agent's or cloud-init's) activating at `us`: the
// latest to start among those whose activation window holds it.
std::string RequestedBy(std::int64_t us, const std::vector<TimelineEvent>& timeline) {
  std::string unit;
  std::int64_t unit_start = -1;
  for (const TimelineEvent& start : timeline) {
    if (start.event != kEventInactiveExit || !IsSutUnit(start.unit) || start.monotonic_us > us ||
        start.monotonic_us <= unit_start)
      continue;
    std::int64_t end = std::numeric_limits<std::int64_t>::max();
    for (const TimelineEvent& e : timeline) {
      if (e.unit == start.unit && e.event == kEventActiveEnter &&
          e.monotonic_us >= start.monotonic_us)
        end = e.monotonic_us;
    }
    if (us <= end) {
      unit = start.unit;
      unit_start = start.monotonic_us;
    }
  }
  return unit;
}

// The value of `key=` in an audit line: quoted, or up to the next space.
std::string AuditField(std::string_view message, std::string_view key) {
  std::string needle = " " + std::string(key) + "=";
  std::size_t at = message.find(needle);
  if (at == std::string_view::npos) return "";
  std::string_view rest = message.substr(at + needle.size());
  if (rest.starts_with('"')) {
    std::size_t close = rest.find('"', 1);
    return close == std::string_view::npos ? "" : std::string(rest.substr(1, close - 1));
  }
  return std::string(rest.substr(0, rest.find(' ')));
}

// Calls `each(entry, monotonic_us)` for every journal JSON line of `text`
// with a valid monotonic timestamp.
template <typename Each>
void ForEachEntry(std::string_view text, Each each) {
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!entry.is_object()) continue;
    std::int64_t us = ParseMicros(Field(entry, "__MONOTONIC_TIMESTAMP"));
    if (us > 0) each(entry, us);
  }
}

// `journalctl` for this boot's entries matching `matches`, one JSON object
// per line with `fields` (and the journal's own, such as the timestamps).
std::vector<std::string> BootJournalJson(const std::string& fields,
                                         std::initializer_list<std::string> matches) {
  std::vector<std::string> argv = {
      "journalctl", "-b", "-q", "--no-pager", "-o", "json", "--output-fields=" + fields};
  argv.insert(argv.end(), matches);
  return argv;
}

}  // namespace

std::vector<std::string> NmActivationJournalQuery() {
  return BootJournalJson(
      "MESSAGE", {"_SYSTEMD_UNIT=NetworkManager.service", "--grep=op=\"connection-activate\""});
}

std::vector<NmActivation> ParseNmActivationJournal(std::string_view text,
                                                   const std::vector<TimelineEvent>& timeline) {
  std::vector<NmActivation> activations;
  ForEachEntry(text, [&](const nlohmann::json& entry, std::int64_t us) {
    std::string message = Field(entry, "MESSAGE");
    if (message.find(" op=\"connection-activate\"") == std::string::npos ||
        AuditField(message, "result") != "success" || activations.size() >= kMaxNmActivations)
      return;
    activations.push_back({AuditField(message, "name"), us, RequestedBy(us, timeline)});
  });
  return activations;
}

std::vector<std::string> NmJobJournalQuery() {
  return BootJournalJson("MESSAGE_ID,JOB_TYPE,JOB_RESULT",
                         {"_PID=1", "UNIT=NetworkManager.service"});
}

std::vector<NmReload> ParseNmJobJournal(std::string_view text,
                                        const std::vector<TimelineEvent>& timeline) {
  std::vector<NmReload> reloads;
  ForEachEntry(text, [&](const nlohmann::json& entry, std::int64_t us) {
    std::string id = Field(entry, "MESSAGE_ID");
    if (id == kMessageReloading) {
      reloads.push_back({std::string(kNmReload), us, RequestedBy(us, timeline)});
    } else if (id == kMessageStopping) {
      reloads.push_back({std::string(kNmStop), us, RequestedBy(us, timeline)});
    } else if (id == kMessageStarting && !reloads.empty() && reloads.back().action == kNmStop) {
      reloads.back().action = std::string(kNmRestart);
    } else if (id == kMessageReloaded && Field(entry, "JOB_RESULT") != "done" && !reloads.empty() &&
               reloads.back().action == kNmReload) {
      // A reload job that failed (e.g. asked while NM was restarting) reloaded
      // nothing; the activator's retry is the reload that counts.
      reloads.pop_back();
    }
  });
  if (reloads.size() > kMaxNmReloads) reloads.resize(kMaxNmReloads);
  return reloads;
}

}  // namespace bootstorm
