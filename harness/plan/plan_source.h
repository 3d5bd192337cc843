// Where a run's boots get their plans: derived from the scenario and run id
// by PlanBoot, or given explicitly, as replay and shrink do, to rerun the
// stored plans of a recorded run (or fewer faults of them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "boot_plan.h"
#include "scenario.h"

namespace bootstorm {

/// Plans given explicitly: element [vm][boot - 1] is that boot's plan, whose
/// identity fields (run id, vm, boot) are the run's own.
using ExplicitPlans = std::vector<std::vector<BootPlan>>;

/// The plan of boot `boot` (1-based) of VM `vm`: from `explicit_plans` when
/// given (CheckExplicitPlans must have accepted them), else PlanBoot's.
BootPlan PlanOf(const Scenario& scenario, std::string_view run_id,
                const ExplicitPlans* explicit_plans, int vm, int boot);

/// Throws BadInput naming `file` unless `plans` hold one plan
/// for every boot of every VM of `scenario`, each naming run `run_id`, its
/// VM and its boot.
void CheckExplicitPlans(const ExplicitPlans& plans, const Scenario& scenario,
                        std::string_view run_id, const std::string& file);

}  // namespace bootstorm
