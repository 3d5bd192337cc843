// What a boot's observations say of its interrupted part (faults shutdown and
// power-cut, see interruption.h), for the checks. Pure; run/interrupted_boot.h
// runs that part on the host.
#pragma once

#include <vector>

#include "boot_plan.h"
#include "observation.h"

namespace bootstorm {

/// The recovery boot's observations: those without Observation::part.
std::vector<Observation> RecoveryObservations(const std::vector<Observation>& observations);

/// Whether the interrupted part of the boot `plan` describes got past the
/// agent's local stage, so that the disk it left holds the agent's files:
/// one of its `observations` shows the local stage active, or its shutdown
/// point is a unit ordered after the local stage in that plan.
bool InterruptedAfterRender(const BootPlan& plan, const std::vector<Observation>& observations);

}  // namespace bootstorm
