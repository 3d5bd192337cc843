// Removes what dead runs left on a hypervisor (after SIGKILL, a crash or a
// power cut of the host) and nothing of live runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hypervisor.h"

namespace bootstorm {

/// Prefix of every name bootstorm gives a domain, volume or network.
inline constexpr std::string_view kResourcePrefix = "bootstorm-";

/// The run id in "bootstorm-<8 hex>" or "bootstorm-<8 hex>-<rest>";
/// nullopt for names bootstorm did not give.
std::optional<std::string> RunIdOfResource(std::string_view name);

struct GarbageReport {
  std::vector<HypervisorResource> removed;
  std::vector<HypervisorResource> kept_live;  ///< belong to live runs
  std::vector<std::string> errors;
};

/// Removes resources of runs for which `is_alive(run id)` is false: domains
/// first, then volumes, then networks (a network in use cannot go).
GarbageReport CollectGarbage(Hypervisor& hv,
                             const std::function<bool(const std::string&)>& is_alive);

}  // namespace bootstorm
