#include "plan_source.h"

#include <fmt/format.h>

#include <stdexcept>

#include "exit_code.h"
#include "plan.h"

namespace bootstorm {

BootPlan PlanOf(const Scenario& scenario, std::string_view run_id,
                const ExplicitPlans* explicit_plans, int vm, int boot) {
  if (explicit_plans) return explicit_plans->at(vm).at(boot - 1);
  return PlanBoot(scenario, run_id, vm, boot);
}

void CheckExplicitPlans(const ExplicitPlans& plans, const Scenario& scenario,
                        std::string_view run_id, const std::string& file) {
  if (plans.size() != static_cast<std::size_t>(scenario.vms))
    throw BadInput(fmt::format("{}: run.plans: {} VMs of plans for a scenario of {}", file,
                               plans.size(), scenario.vms));
  for (std::size_t vm = 0; vm < plans.size(); ++vm) {
    if (plans[vm].size() != static_cast<std::size_t>(scenario.boots))
      throw BadInput(fmt::format("{}: run.plans[{}]: {} plans for a scenario of {} boots", file, vm,
                                 plans[vm].size(), scenario.boots));
    for (std::size_t i = 0; i < plans[vm].size(); ++i) {
      const BootPlan& p = plans[vm][i];
      if (p.run_id != run_id || p.vm != static_cast<int>(vm) || p.boot != static_cast<int>(i) + 1)
        throw BadInput(fmt::format(
            "{}: run.plans[{}][{}]: the plan of run {} vm {} boot {} where run {} vm {} boot {} "
            "belongs",
            file, vm, i, p.run_id, p.vm, p.boot, run_id, vm, i + 1));
    }
  }
}

}  // namespace bootstorm
