// What `bootstorm replay` reruns: the recorded boots of one VM, their plans
// under the replay's own identity, and the scenario of a one-VM replay run.
// Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boots_log.h"
#include "run_record.h"

namespace bootstorm {

/// The recorded boots 1..`last_boot` of VM `vm` (every recorded boot of it
/// when nullopt), in boot order. `recorded` must be valid for the run
/// (PendingVms accepted it) and the run has `vms` VMs. Throws
/// BadInput starting with `what` (the run folder) when the run
/// has no VM `vm`, the VM has no recorded boot, or `last_boot` is not
/// recorded: a later boot needs the disk its earlier boots left.
std::vector<BootRecord> RecordedBootsOf(const std::vector<RecordedBoot>& recorded, int vms, int vm,
                                        std::optional<int> last_boot, const std::string& what);

/// The plans of `boots`, as VM 0 of run `run_id` runs them: the same
/// activator, faults and fault parameters; only the identity fields (run id,
/// VM index) differ. A later boot's plan stays at its boot index.
std::vector<BootPlan> ReplayPlans(const std::vector<BootPlan>& plans, std::string_view run_id);

/// The scenario text of a replay of `boots` boots: the recorded run's
/// `text` with one VM and that many boots. Its faults stay in the text but
/// are not drawn: the replay runs explicit plans.
std::string ReplayScenarioText(std::string_view text, int boots);

}  // namespace bootstorm
