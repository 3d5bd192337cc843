#include "gc_command.h"

#include <fmt/format.h>

#include "run_lock.h"

namespace bootstorm {

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

int CollectDeadRunsOn(const std::string& uri, const HypervisorFactory& connect) {
  try {
    return CollectDeadRuns(*connect(uri));
  } catch (const std::exception& e) {  // one unreachable host must not spare the others
    fmt::print(stderr, "gc: error: {}\n", e.what());
    return 1;
  }
}

ExitCode RunGcCommand(const std::vector<HostSpec>& hosts, const HypervisorFactory& connect) {
  int failed_hosts = 0;
  for (const HostSpec& host : hosts) {
    int errors = CollectDeadRunsOn(host.uri, connect);
    fmt::print("gc: done on {}{}\n", host.uri, errors ? fmt::format(", {} errors", errors) : "");
    failed_hosts += errors ? 1 : 0;
  }
  return failed_hosts ? ExitCode::kInfra : ExitCode::kPass;
}

}  // namespace bootstorm
