#include "console_excerpt.h"

#include <charconv>
#include <fstream>

namespace bootstorm {

bool StaysInside(const std::filesystem::path& relative) {
  if (relative.empty() || relative.has_root_name() || relative.has_root_directory()) return false;
  for (const std::filesystem::path& part : relative) {
    if (part == "..") return false;
  }
  return true;
}

std::optional<double> ConsoleLineSeconds(std::string_view line) {
  if (line.empty() || line.front() != '[') return std::nullopt;
  std::size_t close = line.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view stamp = line.substr(1, close - 1);
  stamp.remove_prefix(std::min(stamp.find_first_not_of(' '), stamp.size()));
  if (stamp.find('.') == std::string_view::npos) return std::nullopt;
  double seconds = 0;
  auto [end, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), seconds);
  if (ec != std::errc() || end != stamp.data() + stamp.size() || seconds < 0) return std::nullopt;
  return seconds;
}

std::optional<LineRange> LinesAround(const std::vector<std::string>& lines, double seconds,
                                     std::size_t context) {
  std::optional<std::size_t> centre;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::optional<double> at = ConsoleLineSeconds(lines[i]);
    if (!at) continue;
    centre = i;
    if (*at >= seconds) break;
  }
  if (!centre) return std::nullopt;
  return LineRange{*centre > context ? *centre - context : 0,
                   std::min(lines.size(), *centre + context + 1)};
}

std::string StripTerminalControls(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\r') continue;
    if (c != '\x1B') {
      out += c;
      continue;
    }
    // ESC [ parameters intermediates final (CSI), or ESC and one more byte.
    if (i + 1 < line.size() && line[i + 1] == '[') {
      i += 2;
      while (i < line.size() && !(line[i] >= 0x40 && line[i] <= 0x7E)) ++i;
    } else {
      ++i;
    }
  }
  return out;
}

ConsoleExcerpt ReadConsoleExcerpt(const std::filesystem::path& run_dir, const std::string& relative,
                                  std::size_t max_lines, std::size_t max_bytes) {
  ConsoleExcerpt excerpt;
  if (relative.empty()) {
    excerpt.error = "no console log was recorded";
    return excerpt;
  }
  if (!StaysInside(relative)) {
    excerpt.error = "not read: the path leaves the run directory";
    return excerpt;
  }
  std::ifstream in(run_dir / relative, std::ios::binary);
  if (!in.seekg(0, std::ios::end)) {
    excerpt.error = "missing or unreadable";
    return excerpt;
  }
  std::streamoff size = in.tellg();
  std::streamoff start = size > static_cast<std::streamoff>(max_bytes)
                             ? size - static_cast<std::streamoff>(max_bytes)
                             : 0;
  std::string tail(static_cast<std::size_t>(size - start), '\0');
  if (!in.seekg(start) || !in.read(tail.data(), static_cast<std::streamsize>(tail.size()))) {
    excerpt.error = "missing or unreadable";
    return excerpt;
  }
  std::string_view rest = tail;
  if (start > 0) {  // the first line is cut: drop it
    std::size_t newline = rest.find('\n');
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    excerpt.truncated = true;
  }
  if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
  std::vector<std::string> lines;
  while (!rest.empty()) {
    std::size_t newline = rest.find('\n');
    lines.push_back(StripTerminalControls(rest.substr(0, newline)));
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
  }
  if (lines.size() > max_lines) {
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(max_lines));
    excerpt.truncated = true;
  }
  excerpt.lines = std::move(lines);
  return excerpt;
}

}  // namespace bootstorm
