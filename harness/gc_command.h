// `bootstorm gc`: remove what dead runs left on a hypervisor.
#pragma once

#include <string>

#include "garbage_collector.h"

namespace bootstorm {

/// Collects garbage of runs whose lock no process holds (see run_lock.h) and
/// prints what it removed. Returns the number of errors.
int CollectDeadRuns(Hypervisor& hv);

/// The command: 0 when everything of dead runs is gone, 3 on errors.
int RunGcCommand(const std::string& uri);

}  // namespace bootstorm
