// Plan generation: which faults each boot of each VM gets. A pure function of
// (scenario, seed, VM index, boot index), so a stored plan can be regenerated
// and a run replayed exactly.
#pragma once

#include <cstdint>
#include <string_view>

#include "boot_plan.h"
#include "scenario.h"

namespace bootstorm {

/// A uniform draw in [0, 1) that depends only on its arguments (SplitMix64;
/// unlike std:: distributions it is the same on every standard library).
double SeededUniform(std::uint64_t seed, std::uint64_t vm, std::uint64_t boot,
                     std::uint64_t stream);

/// The plan of boot `boot` (1-based) of VM `vm` (0-based).
BootPlan PlanBoot(const Scenario& scenario, std::string_view run_id, int vm, int boot);

}  // namespace bootstorm
