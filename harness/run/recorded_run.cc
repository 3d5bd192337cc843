#include "recorded_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "exit_code.h"
#include "placement.h"
#include "vm_runner.h"

namespace bootstorm {
namespace {

/// Recorded boots per VM, in boot order; validated against the scenario.
std::vector<std::vector<const RecordedBoot*>> ByVm(const Scenario& scenario,
                                                   const std::vector<RecordedBoot>& recorded,
                                                   const std::string& file) {
  std::vector<std::vector<const RecordedBoot*>> by_vm(scenario.vms);
  for (const RecordedBoot& r : recorded) {
    if (r.vm < 0 || r.vm >= scenario.vms || r.boot.boot < 1 || r.boot.boot > scenario.boots)
      throw BadInput(fmt::format("{}: vm {} boot {} is outside the scenario's {} VMs x {} boots",
                                 file, r.vm, r.boot.boot, scenario.vms, scenario.boots));
    by_vm[r.vm].push_back(&r);
  }
  for (auto& boots : by_vm) {
    std::stable_sort(boots.begin(), boots.end(),
                     [](const auto* a, const auto* b) { return a->boot.boot < b->boot.boot; });
    for (std::size_t i = 0; i < boots.size(); ++i) {
      const RecordedBoot& r = *boots[i];
      if (r.boot.boot != static_cast<int>(i) + 1)
        throw BadInput(fmt::format(
            "{}: vm {} boot {} is recorded {}", file, r.vm, r.boot.boot,
            r.boot.boot <= static_cast<int>(i) ? "twice" : "without the boots before it"));
      if (i > 0 && boots[i - 1]->boot.outcome == Outcome::kInfraError)
        throw BadInput(
            fmt::format("{}: vm {} boot {} is recorded after an infra error ended the VM", file,
                        r.vm, r.boot.boot));
    }
  }
  return by_vm;
}

bool Finished(const Scenario& scenario, const std::vector<const RecordedBoot*>& boots) {
  return static_cast<int>(boots.size()) == scenario.boots ||
         (!boots.empty() && boots.back()->boot.outcome == Outcome::kInfraError);
}

}  // namespace

std::vector<PendingVm> PendingVms(const Scenario& scenario,
                                  const std::vector<RecordedBoot>& recorded,
                                  const std::string& file) {
  std::vector<PendingVm> pending;
  auto by_vm = ByVm(scenario, recorded, file);
  for (int vm = 0; vm < scenario.vms; ++vm) {
    if (!Finished(scenario, by_vm[vm]))
      pending.push_back({vm, static_cast<int>(by_vm[vm].size()) + 1});
  }
  return pending;
}

std::vector<int> HostOfEachVm(const RunManifest& manifest, int vms) {
  std::vector<int> weights;
  for (const ManifestHost& h : manifest.hosts) weights.push_back(h.weight);
  return PlaceVms(weights, vms);
}

std::vector<std::vector<PendingVm>> PendingPerHost(const RunManifest& manifest, int vms,
                                                   const std::vector<PendingVm>& pending) {
  std::vector<int> host_of = HostOfEachVm(manifest, vms);
  std::vector<std::vector<PendingVm>> per_host(manifest.hosts.size());
  for (const PendingVm& p : pending) per_host[host_of[p.vm]].push_back(p);
  return per_host;
}

int BootsToRun(const Scenario& scenario, const std::vector<PendingVm>& pending) {
  int boots = 0;
  for (const PendingVm& p : pending) boots += scenario.boots - p.first_boot + 1;
  return boots;
}

double RecordedRunSeconds(const std::vector<RecordedBoot>& recorded) {
  double seconds = 0;
  for (const RecordedBoot& r : recorded) seconds = std::max(seconds, r.run_seconds);
  return seconds;
}

RunRecord RunRecordFromBoots(const RunManifest& manifest, const Scenario& scenario,
                             const std::vector<RecordedBoot>& recorded) {
  RunRecord run;
  run.run_id = manifest.run_id;
  run.scenario_name = scenario.name;
  run.scenario_file = manifest.scenario_file;
  run.activator = ActivatorName(scenario.activator);
  run.expect = scenario.expect;
  run.image_key = manifest.image_key;
  run.guest_versions = manifest.guest_versions;
  run.uri = manifest.hosts.front().uri;
  run.virt_type = manifest.virt_type;
  run.started_at = manifest.started_at;
  run.resumes = manifest.resumes;
  run.vms_planned = scenario.vms;
  std::vector<int> host_of = HostOfEachVm(manifest, scenario.vms);
  std::vector<int> vms_per_host = VmsPerHost(host_of, static_cast<int>(manifest.hosts.size()));
  for (std::size_t i = 0; i < manifest.hosts.size(); ++i) {
    HostRecord host;
    host.uri = manifest.hosts[i].uri;
    host.weight = manifest.hosts[i].weight;
    host.vms = vms_per_host[i];
    run.hosts.push_back(std::move(host));
  }
  auto by_vm = ByVm(scenario, recorded, "boots.jsonl");
  for (int vm = 0; vm < scenario.vms; ++vm) {
    if (by_vm[vm].empty()) continue;  // counted as missing
    VmRecord v;
    v.vm = vm;
    v.domain = VmDomainName(manifest.run_id, vm);
    v.uri = manifest.hosts[host_of[vm]].uri;
    for (const RecordedBoot* r : by_vm[vm]) v.boots.push_back(r->boot);
    v.incomplete = !Finished(scenario, by_vm[vm]);
    run.vms.push_back(std::move(v));
  }
  return run;
}

}  // namespace bootstorm
