#include "placement.h"

#include <fmt/format.h>

#include <numeric>

namespace bootstorm {

WeightedRoundRobin::WeightedRoundRobin(std::span<const int> weights)
    : weights_(weights.begin(), weights.end()), current_(weights.size(), 0) {}

int WeightedRoundRobin::Next(const std::vector<bool>& eligible) {
  int best = -1;
  long long total = 0;
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    if (!eligible.empty() && !eligible[i]) continue;
    current_[i] += weights_[i];
    total += weights_[i];
    if (best < 0 || current_[i] > current_[best]) best = static_cast<int>(i);
  }
  if (best >= 0) current_[best] -= total;
  return best;
}

std::vector<int> PlaceVms(std::span<const int> weights, int vms) {
  WeightedRoundRobin rr(weights);
  std::vector<int> placement(vms);
  for (int& host : placement) host = rr.Next();
  return placement;
}

std::vector<int> VmsPerHost(const std::vector<int>& placement, int hosts) {
  std::vector<int> counts(hosts, 0);
  for (int host : placement) ++counts[host];
  return counts;
}

std::vector<int> SplitJobs(int total, std::span<const int> weights,
                           const std::vector<int>& vms_per_host) {
  std::vector<int> jobs(vms_per_host.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i] = vms_per_host[i] > 0 ? 1 : 0;
  WeightedRoundRobin rr(weights);
  for (int left = total - std::accumulate(jobs.begin(), jobs.end(), 0); left > 0; --left) {
    std::vector<bool> room(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) room[i] = jobs[i] < vms_per_host[i];
    int host = rr.Next(room);
    if (host < 0) break;  // every host runs all its VMs at once already
    ++jobs[host];
  }
  return jobs;
}

}  // namespace bootstorm

namespace bootstorm {
namespace {

std::string Jobs(const HostRecord& h) {
  return h.setup_error.empty() ? fmt::format("{} at a time", h.jobs) : "setup failed";
}

}  // namespace

std::string FormatRunPlan(std::string_view run_id, std::string_view scenario, int vms, int boots,
                          std::span<const HostRecord> hosts) {
  std::string line =
      fmt::format("bootstorm run {} ({}): {} VMs x {} boots", run_id, scenario, vms, boots);
  if (hosts.size() == 1) return line + fmt::format(", {}, on {}", Jobs(hosts[0]), hosts[0].uri);
  line += fmt::format(" on {} hosts:", hosts.size());
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const HostRecord& h = hosts[i];
    line += fmt::format("{} {} ({} VM{}{})", i ? "," : "", h.uri, h.vms, h.vms == 1 ? "" : "s",
                        h.vms ? ", " + Jobs(h) : "");
  }
  return line;
}

}  // namespace bootstorm
