// Removes what dead runs left on a hypervisor (after SIGKILL, a crash or a
// power cut of the host) and nothing of live runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hypervisor.h"
#include "resource_names.h"
#include "run_lock.h"

namespace bootstorm {

/// The run id in "bootstorm-<8 hex>" or "bootstorm-<8 hex>-<rest>";
/// nullopt for names bootstorm did not give.
std::optional<std::string> RunIdOfResource(std::string_view name);

/// A resource named like a run's that the collector leaves, and why.
struct LeftResource {
  HypervisorResource resource;
  std::string why;
  bool operator==(const LeftResource&) const = default;
};

struct GarbageReport {
  std::vector<HypervisorResource> removed;
  std::vector<HypervisorResource> kept_live;  ///< belong to live runs
  /// Left because their run's liveness is unknown.
  std::vector<LeftResource> kept_unknown;
  /// Left because their ownership mark does not name the run of their name.
  std::vector<LeftResource> kept_unmarked;
  std::vector<std::string> errors;
};

/// Removes resources of runs that `probe(run id)` proves dead: domains
/// first, then volumes, then networks (a network in use cannot go). A run
/// whose liveness is unknown keeps its resources (fail closed). A domain or
/// network is a run's only when its ownership mark names the run of its name;
/// otherwise it is left. Volumes carry no mark: one is a run's by living in
/// bootstorm's pool (the only pool listed) under a name with the run id.
GarbageReport CollectGarbage(Hypervisor& hv,
                             const std::function<RunLiveness(const std::string&)>& probe);

/// Collects garbage of runs whose lock no process holds (see run_lock.h) and
/// prints what it removed. Returns the number of errors.
int CollectDeadRuns(Hypervisor& hv);

}  // namespace bootstorm
