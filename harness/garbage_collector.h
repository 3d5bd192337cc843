// Removes what dead runs left on a hypervisor (after SIGKILL, a crash or a
// power cut of the host) and nothing of live runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hypervisor.h"
#include "run_lock.h"

namespace bootstorm {

/// Prefix of every name bootstorm gives a domain, volume or network.
inline constexpr std::string_view kResourcePrefix = "bootstorm-";

/// The run id in "bootstorm-<8 hex>" or "bootstorm-<8 hex>-<rest>";
/// nullopt for names bootstorm did not give.
std::optional<std::string> RunIdOfResource(std::string_view name);

struct GarbageReport {
  std::vector<HypervisorResource> removed;
  std::vector<HypervisorResource> kept_live;  ///< belong to live runs
  /// Left because their run's liveness is unknown: "<kind> <name>: <why>".
  std::vector<std::string> kept_unknown;
  std::vector<std::string> errors;
};

/// Removes resources of runs that `probe(run id)` proves dead: domains
/// first, then volumes, then networks (a network in use cannot go). A run
/// whose liveness is unknown keeps its resources (fail closed).
GarbageReport CollectGarbage(Hypervisor& hv,
                             const std::function<RunLiveness(const std::string&)>& probe);

}  // namespace bootstorm
