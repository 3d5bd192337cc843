// What a run's recorded boots (boots.jsonl) say about it: which boots remain
// for each VM and on which host, and the record results.json is written
// from. Pure.
#pragma once

#include <string>
#include <vector>

#include "boots_log.h"
#include "run_manifest.h"
#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// A VM with boots still to run, and the boot it continues at.
struct PendingVm {
  int vm = 0;
  int first_boot = 1;
  bool operator==(const PendingVm&) const = default;
};

/// The VMs of `scenario` with boots still to run, in VM order. A VM is
/// finished when all its boots are recorded or its last recorded boot is an
/// infra error (later boots would start from an unknown disk). Throws
/// BadInput naming `file` when the records do not fit the
/// scenario: a VM or boot out of range, a boot recorded twice, a gap, or a
/// boot recorded after an infra error.
std::vector<PendingVm> PendingVms(const Scenario& scenario,
                                  const std::vector<RecordedBoot>& recorded,
                                  const std::string& file);

/// The index into `manifest.hosts` of the host each of the run's `vms` VMs
/// runs on: PlaceVms over the hosts' weights, so every session of the run
/// puts a VM where its saved disk layers' backing files are.
std::vector<int> HostOfEachVm(const RunManifest& manifest, int vms);

/// `pending` split by host: element i holds the VMs of `manifest.hosts[i]`.
std::vector<std::vector<PendingVm>> PendingPerHost(const RunManifest& manifest, int vms,
                                                   const std::vector<PendingVm>& pending);

/// Boots the pending VMs would run if none failed.
int BootsToRun(const Scenario& scenario, const std::vector<PendingVm>& pending);

/// Run time at the latest record: where a resumed run's clock continues
/// (the time between a kill and the resume is not run time).
double RecordedRunSeconds(const std::vector<RecordedBoot>& recorded);

/// The run record of every recorded boot, grouped per VM in VM and boot
/// order, each VM with the URI of its host; VMs with boots still to run are
/// marked incomplete. `hosts` holds the manifest's hosts with their VM
/// counts. Fields that belong to one session (wall time, interruption, setup
/// errors, the hosts' virt types, jobs and upload times) stay unset.
RunRecord RunRecordFromBoots(const RunManifest& manifest, const Scenario& scenario,
                             const std::vector<RecordedBoot>& recorded);

}  // namespace bootstorm
