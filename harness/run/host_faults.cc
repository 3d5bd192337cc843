#include "host_faults.h"

#include <fmt/format.h>

#include <algorithm>

#include "observation.h"

namespace bootstorm {

HostFaults::HostFaults(const BootPlan& plan, const DomainSpec& spec,
                       std::vector<FaultInjection>* injections)
    : plan_(plan), spec_(spec), start_spec_(spec), injections_(injections) {
  if (plan_.HasFault(kFaultLateConfig)) start_spec_.config_drive.clear();
}

void HostFaults::Schedule(Clock::time_point due, std::string_view fault, std::string what,
                          std::function<void(RunningDomain&)> apply) {
  Action action{due, std::string(fault), std::move(what), std::move(apply)};
  auto at = std::upper_bound(pending_.begin(), pending_.end(), due,
                             [](Clock::time_point t, const Action& a) { return t < a.due; });
  pending_.insert(at, std::move(action));
}

void HostFaults::Started(RunningDomain* domain, Clock::time_point start) {
  domain_ = domain;
  start_ = start;
  using std::chrono::milliseconds;
  if (const Fault* f = plan_.FindFault(kFaultCpuStarve)) {
    int percent = f->percent;
    Schedule(start, f->kind, fmt::format("vcpu_quota {}% of a host CPU", percent),
             [percent](RunningDomain& d) { d.SetVcpuQuota(percent); });
    Schedule(start + milliseconds(f->ms), f->kind, "vcpu_quota lifted",
             [](RunningDomain& d) { d.SetVcpuQuota(std::nullopt); });
  }
  if (const Fault* f = plan_.FindFault(kFaultLateConfig)) {
    Schedule(start + milliseconds(f->ms), f->kind, "config drive hot-plugged (vdb, virtio)",
             [path = spec_.config_drive](RunningDomain& d) { d.AttachConfigDrive(path); });
  }
  ApplyDue(start);
}

void HostFaults::OnCheckpoint(std::string_view checkpoint, Clock::time_point now) {
  const Fault* f = plan_.FindFault(kFaultLinkFlap);
  if (!f || checkpoint != kCheckpointFinal || spec_.macs.empty()) return;
  // The first NIC: the one whose DHCP carries the name servers.
  const std::string& mac = spec_.macs.front();
  Schedule(now, f->kind, "link down", [mac](RunningDomain& d) { d.SetLinkState(mac, false); });
  // Down at once, so the recorded down and up are `ms` apart as the guest
  // sees them (applied later, the down was measured 0.3 ms short of it).
  ApplyDue(now);
  Schedule(now + std::chrono::milliseconds(f->ms), f->kind, "link up",
           [mac](RunningDomain& d) { d.SetLinkState(mac, true); });
}

std::optional<HostFaults::Clock::time_point> HostFaults::next_due() const {
  if (pending_.empty()) return std::nullopt;
  return pending_.front().due;
}

void HostFaults::ApplyDue(Clock::time_point now) {
  while (!pending_.empty() && pending_.front().due <= now) {
    Action action = std::move(pending_.front());
    pending_.erase(pending_.begin());
    action.apply(*domain_);
    double at = std::chrono::duration<double>(now - start_).count();
    injections_->push_back({action.fault, at, action.what});
  }
}

}  // namespace bootstorm
