// The agent log: one line per event, prefixed with CLOCK_MONOTONIC seconds,
// shared by all stages of one boot (it lives under /run) and shipped to the
// host in every observation, so a verdict can say which commands ran and why.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// Cap on the log file; past it one marker line is written (the only line
/// that may cross the cap) and later events go only to stderr (the journal),
/// so a looping stage cannot fill /run.
inline constexpr std::size_t kMaxAgentLogBytes = 256 * 1024;
/// Cap on one line; observations reject longer ones.
inline constexpr std::size_t kMaxAgentLogLineBytes = 1024;

class AgentLog {
 public:
  /// `source` names the writer in every line (a stage or "probe").
  AgentLog(std::string path, std::string source);

  /// Appends "[  12.345678] source: message" (truncated to the line cap,
  /// newlines flattened) to the file and to stderr. Never throws.
  void Write(std::string_view message) const;

  /// The last `max_lines` lines of the file; empty when it does not exist.
  std::vector<std::string> Tail(std::size_t max_lines) const;

 private:
  std::string path_;
  std::string source_;
};

/// Formats one log line (without newline); pure, for tests.
std::string FormatLogLine(double monotonic_seconds, std::string_view source,
                          std::string_view message);

}  // namespace bootstorm
