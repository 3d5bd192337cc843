// Interrupted boots (faults with catalog flag interrupts_boot: shutdown and
// power-cut, faults/boot_interruption.h): a boot with such a fault
// runs in two parts on one disk. The interrupted part boots with the whole
// plan until the shutdown or power cut ends it; the recovery boot then boots
// the disk that part left, with the same plan minus the interrupting faults,
// and runs to its end.
#pragma once

#include <string_view>

#include "boot_plan.h"
#include "observation.h"

namespace bootstorm {

/// Whether `kind` interrupts a boot (catalog flag interrupts_boot).
bool IsInterruptingFault(std::string_view kind);

/// The fault that interrupts this boot (the first shutdown or power-cut);
/// nullptr when the boot runs in one part.
const Fault* InterruptingFault(const BootPlan& plan);

/// The plan of the recovery boot: `plan` without its interrupting faults
/// (all other faults and the activator stay). The plan itself when it has none.
BootPlan RecoveryPlan(const BootPlan& plan);

}  // namespace bootstorm
