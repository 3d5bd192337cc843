// link-flap from the host (agent/protocol/faults/dns_events.h): after the
// final checkpoint the first NIC's link goes down for `ms`, then up.
#include "host_fault_effect.h"
#include "observation.h"

namespace bootstorm {
namespace {

class LinkFlap : public HostFaultEffect {
 public:
  void OnCheckpoint(const Fault& fault, std::string_view checkpoint, const DomainSpec& spec,
                    Clock::time_point now, const Schedule& schedule) const override {
    if (checkpoint != kCheckpointFinal || spec.macs.empty()) return;
    // The first NIC: the one whose DHCP carries the name servers.
    const std::string& mac = spec.macs.front();
    // Down at once (due now, applied before OnCheckpoint returns), so the
    // recorded down and up are `ms` apart as the guest sees them.
    schedule(now, "link down", [mac](RunningDomain& d) { d.SetLinkState(mac, false); });
    schedule(now + std::chrono::milliseconds(fault.ms), "link up",
             [mac](RunningDomain& d) { d.SetLinkState(mac, true); });
  }
};

}  // namespace

const HostFaultEffect& LinkFlapEffect() {
  static const LinkFlap effect;
  return effect;
}

}  // namespace bootstorm
