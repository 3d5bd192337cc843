#include "garbage_collector.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "run_manifest.h"

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
  if (!name.starts_with(kResourcePrefix)) return std::nullopt;
  std::string_view rest = name.substr(kResourcePrefix.size());
  std::string_view id = rest.substr(0, rest.find('-'));
  if (!IsValidRunId(id)) return std::nullopt;
  return std::string(id);
}

GarbageReport CollectGarbage(Hypervisor& hv,
                             const std::function<RunLiveness(const std::string&)>& probe) {
  GarbageReport report;
  std::vector<HypervisorResource> resources = hv.ListResources(kResourcePrefix);
  // Enum order is the removal order: domains, volumes, networks.
  std::stable_sort(resources.begin(), resources.end(),
                   [](const auto& a, const auto& b) { return a.kind < b.kind; });
  for (const HypervisorResource& r : resources) {
    std::optional<std::string> run_id = RunIdOfResource(r.name);
    if (!run_id) continue;
    if (r.kind != HypervisorResource::Kind::kVolume && r.mark != *run_id) {
      report.kept_unmarked.push_back(
          {r, r.mark.empty()
                  ? "no bootstorm ownership mark"
                  : fmt::format("its ownership mark names run {}, not {}", r.mark, *run_id)});
      continue;
    }
    RunLiveness liveness = probe(*run_id);
    if (liveness.state == RunLiveness::kAlive) {
      report.kept_live.push_back(r);
      continue;
    }
    if (liveness.state == RunLiveness::kUnknown) {
      report.kept_unknown.push_back(
          {r, fmt::format("cannot tell whether run {} is alive: {}", *run_id, liveness.why)});
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

int CollectDeadRuns(Hypervisor& hv) {
  GarbageReport report = CollectGarbage(hv, ProbeRun);
  for (const HypervisorResource& r : report.removed)
    fmt::print("gc: removed {} {} on {} (its run is gone)\n", ResourceKindName(r.kind), r.name,
               hv.uri());
  for (const auto* kept : {&report.kept_unknown, &report.kept_unmarked}) {
    for (const LeftResource& k : *kept)
      fmt::print(stderr, "gc: left {} {} on {}: {}\n", ResourceKindName(k.resource.kind),
                 k.resource.name, hv.uri(), k.why);
  }
  for (const std::string& e : report.errors)
    fmt::print(stderr, "gc: error on {}: {}\n", hv.uri(), e);
  std::fflush(stdout);
  return static_cast<int>(report.errors.size());
}

}  // namespace bootstorm
