// The elements `bootstorm shrink` removes: each fault of each boot's plan.
// A trial runs the plans with a subset of them. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "boot_plan.h"
#include "delta_debugging.h"

namespace bootstorm {

/// Fault `index` of the plan of boot `boot`.
struct PlannedFault {
  int boot = 1;
  std::size_t index = 0;
  bool operator==(const PlannedFault&) const = default;
};

/// Every fault of `plans` (boots in order), boot by boot in plan order.
std::vector<PlannedFault> FaultsOf(const std::vector<BootPlan>& plans);

/// `plans` with only the faults `keep` selects from `faults` (FaultsOf
/// them); the kept faults keep their order and parameters byte for byte.
std::vector<BootPlan> KeepFaults(const std::vector<BootPlan>& plans,
                                 const std::vector<PlannedFault>& faults,
                                 const Configuration& keep);

/// "boot 1: nm-before-local, connection-reup; boot 2: no faults".
std::string FormatPlanFaults(const std::vector<BootPlan>& plans);
/// Faults in all of `plans`.
std::size_t CountFaults(const std::vector<BootPlan>& plans);

}  // namespace bootstorm
