#include "garbage_collector.h"

#include <algorithm>
#include <cctype>

namespace bootstorm {
namespace {

/// False when `r` went away meanwhile: a dead run's domain that was still
/// starting fails and vanishes, and another run's collection may have taken
/// it. Gone is what the collector wants.
bool StillThere(Hypervisor& hv, const HypervisorResource& r) {
  try {
    std::vector<HypervisorResource> now = hv.ListResources(r.name);
    return std::find(now.begin(), now.end(), r) != now.end();
  } catch (const std::exception&) {
    return true;  // cannot tell: keep the removal's error
  }
}

}  // namespace

std::optional<std::string> RunIdOfResource(std::string_view name) {
  constexpr std::size_t kIdLength = 8;
  if (!name.starts_with(kResourcePrefix)) return std::nullopt;
  std::string_view rest = name.substr(kResourcePrefix.size());
  if (rest.size() < kIdLength) return std::nullopt;
  std::string_view id = rest.substr(0, kIdLength);
  if (!std::all_of(id.begin(), id.end(),
                   [](char c) { return std::isxdigit(c) && !std::isupper(c); }))
    return std::nullopt;
  if (rest.size() > kIdLength && rest[kIdLength] != '-') return std::nullopt;
  return std::string(id);
}

GarbageReport CollectGarbage(Hypervisor& hv,
                             const std::function<bool(const std::string&)>& is_alive) {
  GarbageReport report;
  std::vector<HypervisorResource> resources = hv.ListResources(kResourcePrefix);
  // Enum order is the removal order: domains, volumes, networks.
  std::stable_sort(resources.begin(), resources.end(),
                   [](const auto& a, const auto& b) { return a.kind < b.kind; });
  for (const HypervisorResource& r : resources) {
    std::optional<std::string> run_id = RunIdOfResource(r.name);
    if (!run_id) continue;
    if (is_alive(*run_id)) {
      report.kept_live.push_back(r);
      continue;
    }
    try {
      hv.RemoveResource(r);
      report.removed.push_back(r);
    } catch (const std::exception& e) {
      if (StillThere(hv, r)) report.errors.push_back(e.what());
    }
  }
  return report;
}

}  // namespace bootstorm
