#include "console_excerpt.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "run_dir_path.h"

namespace bootstorm {

namespace {

/// Closes a descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

/// Reads into `tail` the last `max_bytes` bytes of the regular file
/// `relative` below `run_dir` plus one byte more when the file is longer
/// (so the caller knows the first line is cut). Each component is opened
/// with O_NOFOLLOW: a symlink inside the run folder (to /etc/shadow, say) is
/// not followed. Returns "" or why the file was not read.
std::string ReadTail(const std::filesystem::path& run_dir, const std::filesystem::path& relative,
                     std::size_t max_bytes, std::string& tail) {
  Fd dir{open(run_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0) return "missing or unreadable";
  std::vector<std::filesystem::path> parts(relative.begin(), relative.end());
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Fd next{openat(dir.fd, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)};
    if (next.fd < 0)
      return errno == ELOOP || errno == ENOTDIR ? "not read: not a plain folder"
                                                : "missing or unreadable";
    std::swap(dir.fd, next.fd);
  }
  Fd file{openat(dir.fd, parts.back().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) return errno == ELOOP ? "not read: a symbolic link" : "missing or unreadable";
  struct stat st {};
  if (fstat(file.fd, &st) != 0) return "missing or unreadable";
  if (!S_ISREG(st.st_mode)) return "not read: not a regular file";
  auto size = static_cast<std::size_t>(st.st_size);
  std::size_t start = size > max_bytes ? size - max_bytes - 1 : 0;
  tail.assign(size - start, '\0');
  std::size_t got = 0;
  while (got < tail.size()) {
    ssize_t n =
        pread(file.fd, tail.data() + got, tail.size() - got, static_cast<off_t>(start + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return "missing or unreadable";
    if (n == 0) break;  // shrank meanwhile
    got += static_cast<std::size_t>(n);
  }
  tail.resize(got);
  return "";
}

}  // namespace

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
  std::string tail;
  if (std::string why = ReadTail(run_dir, relative, max_bytes, tail); !why.empty()) {
    excerpt.error = why;
    return excerpt;
  }
  std::size_t start = tail.size() > max_bytes ? tail.size() - max_bytes : 0;
  tail.erase(0, start);
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
