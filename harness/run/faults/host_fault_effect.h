// The host side of a fault family: what the harness does to one running
// domain through the hypervisor. A family with a host effect implements
// HostFaultEffect in a file of its own here, named after it, and declares
// it in its protocol header (agent/protocol/faults/); HostFaults
// (../host_faults.h) schedules and records what the effects ask for.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "boot_plan.h"
#include "domain_spec.h"
#include "hypervisor.h"

namespace bootstorm {

class HostFaultEffect {
 public:
  using Clock = std::chrono::steady_clock;
  /// Asks for `apply` at `due`; `what` is recorded as the injection when it
  /// was applied.
  using Schedule = std::function<void(Clock::time_point due, std::string what,
                                      std::function<void(RunningDomain&)> apply)>;

  virtual ~HostFaultEffect() = default;
  /// Changes the domain to start, before it starts.
  virtual void AdjustStart(const Fault& /*fault*/, DomainSpec* /*start*/) const {}
  /// The domain (as `spec`, without AdjustStart's changes) started at `start`.
  virtual void Started(const Fault& /*fault*/, const DomainSpec& /*spec*/,
                       Clock::time_point /*start*/, const Schedule& /*schedule*/) const {}
  /// Checkpoint `checkpoint` arrived at `now`. Actions due at `now` are
  /// applied before the call returns.
  virtual void OnCheckpoint(const Fault& /*fault*/, std::string_view /*checkpoint*/,
                            const DomainSpec& /*spec*/, Clock::time_point /*now*/,
                            const Schedule& /*schedule*/) const {}
};

/// The host effects, one per file (late_config.cc, cpu_starve.cc, link_flap.cc).
const HostFaultEffect& LateConfigEffect();
const HostFaultEffect& CpuStarveEffect();
const HostFaultEffect& LinkFlapEffect();

/// The host effect of fault `kind`; nullptr when the kind has none (it acts
/// in the guest, or, as power-cut, through the interrupted part's own loop).
const HostFaultEffect* FindHostFaultEffect(std::string_view kind);

}  // namespace bootstorm
