// cpu-starve from the host (agent/protocol/faults/cpu_starve.h): from domain
// start the vCPUs get `percent` of one host CPU, for `ms`.
#include <fmt/format.h>

#include "host_fault_effect.h"

namespace bootstorm {
namespace {

class CpuStarve : public HostFaultEffect {
 public:
  void Started(const Fault& fault, const DomainSpec&, Clock::time_point start,
               const Schedule& schedule) const override {
    int percent = fault.percent;
    schedule(start, fmt::format("vcpu_quota {}% of a host CPU", percent),
             [percent](RunningDomain& d) { d.SetVcpuQuota(percent); });
    schedule(start + std::chrono::milliseconds(fault.ms), "vcpu_quota lifted",
             [](RunningDomain& d) { d.SetVcpuQuota(std::nullopt); });
  }
};

}  // namespace

const HostFaultEffect& CpuStarveEffect() {
  static const CpuStarve effect;
  return effect;
}

}  // namespace bootstorm
