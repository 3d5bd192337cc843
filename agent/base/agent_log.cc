#include "agent_log.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <fstream>

#include "files.h"
#include "monotonic_clock.h"

namespace bootstorm {
namespace {

constexpr std::string_view kTruncatedMarker = "agent log full; further events only in the journal";

double MonotonicSeconds() { return static_cast<double>(MonotonicMicros()) / 1e6; }

std::string ReadLastBytes(const std::string& path, std::size_t count) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::streamoff size = in.tellg();
  if (size <= 0) return "";
  std::streamoff from = std::max<std::streamoff>(0, size - static_cast<std::streamoff>(count));
  in.seekg(from);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Whether the text (the end of the log) ends with the marker line.
bool EndsWithMarkerLine(std::string_view text) {
  std::string marker_line = std::string(kTruncatedMarker) + "\n";
  return text.ends_with(marker_line);
}

}  // namespace

std::string FormatLogLine(double monotonic_seconds, std::string_view source,
                          std::string_view message) {
  std::string line = fmt::format("[{:12.6f}] {}: {}", monotonic_seconds, source, message);
  std::replace(line.begin(), line.end(), '\n', ' ');
  if (line.size() > kMaxAgentLogLineBytes) line.resize(kMaxAgentLogLineBytes);
  return line;
}

AgentLog::AgentLog(std::string path, std::string source)
    : path_(std::move(path)), source_(std::move(source)) {}

void AgentLog::Write(std::string_view message) const {
  std::string line = FormatLogLine(MonotonicSeconds(), source_, message);
  fmt::print(stderr, "{}\n", line);
  struct stat st {};
  std::size_t size = stat(path_.c_str(), &st) == 0 ? static_cast<std::size_t>(st.st_size) : 0;
  if (size + line.size() + 1 <= kMaxAgentLogBytes)
    AppendLine(path_, line);  // on failure the line still went to stderr
  else if (!EndsWithMarkerLine(ReadLastBytes(path_, kTruncatedMarker.size() + 1)))
    AppendLine(path_, FormatLogLine(MonotonicSeconds(), source_, kTruncatedMarker));
}

std::vector<std::string> AgentLog::Tail(std::size_t max_lines) const {
  std::ifstream in(path_);
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line.substr(0, kMaxAgentLogLineBytes));
    if (lines.size() > max_lines) lines.pop_front();
  }
  return {lines.begin(), lines.end()};
}

}  // namespace bootstorm
