#include "process_info.h"

#include <unistd.h>

#include <optional>

#include "files.h"

namespace bootstorm {
namespace {

constexpr std::size_t kMaxCgroupBytes = 4096;
constexpr std::size_t kMaxCommBytes = 64;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string UnitOfCgroup(std::string_view cgroup_text) {
  while (!cgroup_text.empty()) {
    std::size_t end = cgroup_text.find('\n');
    std::string_view line = cgroup_text.substr(0, end);
    cgroup_text = end == std::string_view::npos ? "" : cgroup_text.substr(end + 1);
    if (!line.starts_with("0::")) continue;
    std::string_view last = line.substr(line.rfind('/') + 1);
    if (EndsWith(last, ".service") || EndsWith(last, ".scope")) return std::string(last);
    return "";
  }
  return "";
}

HistoryWriter WriterOf(int pid, const std::string& proc) {
  HistoryWriter w;
  w.pid = pid;
  std::string dir = proc + "/" + std::to_string(pid);
  if (std::optional<std::string> comm = ReadFileBounded(dir + "/comm", kMaxCommBytes)) {
    if (!comm->empty() && comm->back() == '\n') comm->pop_back();
    w.comm = *comm;
  }
  char exe[4096];
  ssize_t n = readlink((dir + "/exe").c_str(), exe, sizeof exe);
  if (n > 0 && static_cast<std::size_t>(n) < sizeof exe)
    w.exe.assign(exe, static_cast<std::size_t>(n));
  if (std::optional<std::string> cgroup = ReadFileBounded(dir + "/cgroup", kMaxCgroupBytes))
    w.unit = UnitOfCgroup(*cgroup);
  return w;
}

}  // namespace bootstorm
