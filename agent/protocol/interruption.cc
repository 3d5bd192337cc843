#include "interruption.h"

#include <algorithm>

namespace bootstorm {

bool IsInterruptingFault(std::string_view kind) {
  return FaultKindHas(kind, &FaultKind::interrupts_boot);
}

const Fault* InterruptingFault(const BootPlan& plan) {
  auto it = std::find_if(plan.faults.begin(), plan.faults.end(),
                         [](const Fault& f) { return IsInterruptingFault(f.kind); });
  return it == plan.faults.end() ? nullptr : &*it;
}

BootPlan RecoveryPlan(const BootPlan& plan) {
  BootPlan recovery = plan;
  std::erase_if(recovery.faults, [](const Fault& f) { return IsInterruptingFault(f.kind); });
  return recovery;
}

}  // namespace bootstorm
