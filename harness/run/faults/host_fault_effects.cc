#include <utility>

#include "host_fault_effect.h"

namespace bootstorm {

const HostFaultEffect* FindHostFaultEffect(std::string_view kind) {
  // The one list of faults with a host effect.
  static const std::pair<std::string_view, const HostFaultEffect*> kEffects[] = {
      {kFaultLateConfig, &LateConfigEffect()},
      {kFaultCpuStarve, &CpuStarveEffect()},
      {kFaultLinkFlap, &LinkFlapEffect()},
  };
  for (const auto& [name, effect] : kEffects)
    if (name == kind) return effect;
  return nullptr;
}

}  // namespace bootstorm
