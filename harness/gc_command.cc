#include "gc_command.h"

#include <fmt/format.h>

#include "libvirt_hypervisor.h"
#include "run_lock.h"

namespace bootstorm {

int CollectDeadRuns(Hypervisor& hv) {
  GarbageReport report = CollectGarbage(hv, IsRunAlive);
  for (const HypervisorResource& r : report.removed)
    fmt::print("gc: removed {} {} (its run is gone)\n", ResourceKindName(r.kind), r.name);
  for (const std::string& e : report.errors) fmt::print(stderr, "gc: error: {}\n", e);
  std::fflush(stdout);
  return static_cast<int>(report.errors.size());
}

int RunGcCommand(const std::string& uri) {
  LibvirtHypervisor hv(uri);
  int errors = CollectDeadRuns(hv);
  fmt::print("gc: done on {}{}\n", uri, errors ? fmt::format(", {} errors", errors) : "");
  return errors ? 3 : 0;
}

}  // namespace bootstorm
