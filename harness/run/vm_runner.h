// Runs all boots of one VM: config drive and overlay, then per boot a
// transient domain with that boot's plan, observations until the agent's
// `end`, a graceful shutdown and the checks. Removes what it created.
#pragma once

#include <cstdint>
#include <string>

#include "cancellation.h"
#include "checker.h"
#include "domain_spec.h"
#include "guest_network.h"
#include "hypervisor.h"
#include "plan_source.h"
#include "progress.h"
#include "run_record.h"
#include "run_store.h"
#include "scenario.h"

namespace bootstorm {

/// What every VM of a run shares; paths are on the hypervisor.
struct RunContext {
  const Scenario* scenario = nullptr;
  std::string run_id;
  const ExplicitPlans* explicit_plans = nullptr;  ///< replay, shrink; null: PlanBoot's plans
  HypervisorFactory connect;                      ///< how RunHost reaches its host
  Hypervisor* hypervisor = nullptr;               ///< this host's, once connected
  std::string virt_type;
  /// The guest boots from its disk's boot loader (guest_image.h BootsFromDisk):
  /// no kernel or initrd, the plan in an SMBIOS OEM string.
  bool boot_from_disk = false;
  Firmware firmware = Firmware::kBios;  ///< of a boot from disk (DiskFirmware)
  std::string kernel_path;
  std::string initrd_path;
  std::string base_path;
  std::uint64_t base_capacity_bytes = 0;
  RunNetwork network;
  RunStore* store = nullptr;
  int max_infra_retries = 2;  ///< further attempts of a boot after an infra error
  Cancellation* cancellation = nullptr;
  Progress* progress = nullptr;
};

/// Domain name of a VM; carries the run id so leftovers can be traced.
std::string VmDomainName(std::string_view run_id, int vm);

/// Runs the boots of VM `vm` from `first_boot` on, appending each finished
/// boot to the store. Boots before `first_boot` ran in an earlier session of
/// the run: their disk layers and config drive come from the run folder. The
/// layer of each recorded boot that another boot follows is saved there
/// before the boot is recorded; they are dropped when the VM is done.
/// Never throws for VM-level trouble: it becomes an infra error in the record.
void RunVm(const RunContext& ctx, int vm, int first_boot);

/// Records boot `first_boot` of VM `vm`, with its plan, as an infra error
/// (the VM could not be prepared because of `e`) and drops its saved disk
/// layers: the VM needs no more boots.
void RecordPreparationFailure(const RunContext& ctx, int vm, int first_boot,
                              const std::exception& e);

}  // namespace bootstorm
