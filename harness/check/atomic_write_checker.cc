#include "atomic_write_checker.h"

#include <fmt/format.h>

#include "scenario.h"

namespace bootstorm {

std::string TornReason(std::string_view text, std::string_view rendered) {
  if (text.empty()) return "empty";
  if (text.find('\0') != std::string_view::npos)
    return fmt::format("holds a NUL byte at offset {}", text.find('\0'));
  if (text.back() != '\n') return "does not end with a newline";
  if (text.size() < rendered.size() && rendered.starts_with(text))
    return fmt::format("is the first {} of the {} bytes the agent renders", text.size(),
                       rendered.size());
  return "";
}

std::string_view AtomicWriteChecker::name() const { return kCheckAtomicWrite; }

CheckResult AtomicWriteChecker::Check(const BootExpectation& expected,
                                      const std::vector<Observation>& observations) const {
  // Without the agent nothing renders its file; NetworkManager's own is
  // held to the rules that need no knowledge of its content.
  std::string rendered = expected.agent_manages_network ? RenderResolvConf(expected.dns) : "";
  CheckResult result{std::string(name()), true, "", "a whole file", nullptr, ""};
  std::size_t seen = 0;
  for (const Observation& o : observations) {
    if (!o.resolv_conf) continue;
    ++seen;
    std::string reason = TornReason(*o.resolv_conf, rendered);
    if (reason.empty()) continue;
    result.passed = false;
    result.checkpoint = o.checkpoint;
    result.actual = *o.resolv_conf;
    result.message = fmt::format("at {}{}: /etc/resolv.conf is torn: it {}", o.checkpoint,
                                 o.part.empty() ? "" : fmt::format(" ({} part)", o.part), reason);
    return result;
  }
  result.actual = fmt::format("{} whole file(s)", seen);
  return result;
}

}  // namespace bootstorm
