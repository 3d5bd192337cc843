#include "gc_command.h"

#include <fmt/format.h>

namespace bootstorm {

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
