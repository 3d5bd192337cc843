// Activator legacy-final-restart, the final-unit half: cloud-init's 2020-2022
// `cloud-final.service` carried an unconditional
// `systemctl reload-or-try-restart NetworkManager`. The generator writes the
// same line into bootstorm-final.service for that activator, so the reload
// really comes from the unit, before the final stage's own code runs, on the
// renderer path too, and too late for a DNS event before the final stage.
#pragma once

#include <map>
#include <string>

#include "boot_plan.h"

namespace bootstorm {

/// The drop-in that adds the restart to bootstorm-final.service, keyed by
/// path relative to the generator's output directory; empty for every other
/// activator.
std::map<std::string, std::string> RenderFinalRestartDropIn(const BootPlan& plan);

}  // namespace bootstorm
