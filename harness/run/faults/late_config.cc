// late-config from the host (agent/protocol/faults/late_config.h): the domain
// starts without its config drive, which is hot-plugged `ms` later.
#include "host_fault_effect.h"

namespace bootstorm {
namespace {

class LateConfig : public HostFaultEffect {
 public:
  void AdjustStart(const Fault&, DomainSpec* start) const override { start->config_drive.clear(); }
  void Started(const Fault& fault, const DomainSpec& spec, Clock::time_point start,
               const Schedule& schedule) const override {
    schedule(start + std::chrono::milliseconds(fault.ms), "config drive hot-plugged (vdb, virtio)",
             [path = spec.config_drive](RunningDomain& d) { d.AttachConfigDrive(path); });
  }
};

}  // namespace

const HostFaultEffect& LateConfigEffect() {
  static const LateConfig effect;
  return effect;
}

}  // namespace bootstorm
