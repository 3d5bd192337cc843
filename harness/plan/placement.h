// Where a run's VMs go and how many run at once per host: pure and
// deterministic, so a run's placement follows from its options alone.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "run_record.h"

namespace bootstorm {

/// Smooth weighted round-robin (as nginx balances upstreams): hands out
/// slots to hosts in proportion to their weights, interleaved rather than in
/// blocks (weights 2 and 1 give 0 1 0 0 1 0 ...), ties to the lower index.
class WeightedRoundRobin {
 public:
  /// `weights`: one per host, each at least 1.
  explicit WeightedRoundRobin(std::span<const int> weights);
  /// The next host among those for which `eligible[i]` is true (all when
  /// empty); -1 when none is.
  int Next(const std::vector<bool>& eligible = {});

 private:
  std::vector<int> weights_;
  std::vector<long long> current_;
};

/// The host of each of `vms` VMs (index into `weights`).
std::vector<int> PlaceVms(std::span<const int> weights, int vms);

/// How many of `placement`'s VMs each of `hosts` hosts got.
std::vector<int> VmsPerHost(const std::vector<int>& placement, int hosts);

/// Splits `total` jobs (VMs at once) over hosts by weight: 1 for each host
/// with VMs first (so the sum exceeds `total` when fewer jobs than such hosts
/// are given), the rest by weighted round-robin, never more than a host's
/// VMs. Hosts without VMs get 0.
std::vector<int> SplitJobs(int total, std::span<const int> weights,
                           const std::vector<int>& vms_per_host);

/// The line that opens a run. One host: "bootstorm run ID (NAME): 2 VMs x 2
/// boots, 2 at a time, on URI". Several: "... 2 boots on 2 hosts: URI1 (1 VM,
/// 1 at a time), URI2 (...)". A host whose setup failed says so instead of
/// its jobs.
std::string FormatRunPlan(std::string_view run_id, std::string_view scenario, int vms, int boots,
                          std::span<const HostRecord> hosts);

}  // namespace bootstorm
