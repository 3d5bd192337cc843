// Faults the harness applies from the host to one running domain through
// the hypervisor. Each family's host effect is its own module
// (faults/host_fault_effect.h): the config drive hot-plugged late
// (late-config), the vCPUs limited from the start (cpu-starve), the NIC's
// link down and up after the final checkpoint (link-flap). This class
// schedules what the plan's effects ask for; the boot's event loop waits
// until next_due(), passes checkpoints on and calls ApplyDue. Every action
// applied is recorded as a FaultInjection.
//
// dhcp-renew needs no action per boot: the run network hands out short
// renewal times (guest_network.h) and the guest waits for a renewal.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boot_plan.h"
#include "domain_spec.h"
#include "faults/host_fault_effect.h"
#include "hypervisor.h"
#include "run_record.h"

namespace bootstorm {

class HostFaults {
 public:
  using Clock = std::chrono::steady_clock;

  /// `spec`: the domain as it would start without host-side faults. Each
  /// action applied is appended to `injections`, timed since Started's `start`.
  HostFaults(const BootPlan& plan, const DomainSpec& spec, std::vector<FaultInjection>* injections);

  /// The domain to start: without its config drive under late-config.
  const DomainSpec& start_spec() const { return start_spec_; }

  /// The domain started at `start`: schedules the timed actions and applies
  /// those due at once (CPU limits). Throws on hypervisor errors.
  void Started(RunningDomain* domain, Clock::time_point start);
  /// Checkpoint `checkpoint` arrived at `now`; `final` starts a link flap:
  /// the link goes down at once and is due up `ms` after `now`. Throws on
  /// hypervisor errors.
  void OnCheckpoint(std::string_view checkpoint, Clock::time_point now);

  /// When the next action is due; nullopt when none is pending.
  std::optional<Clock::time_point> next_due() const;
  /// Applies, in time order, every action due at `now`. Throws on
  /// hypervisor errors (an infra error of the boot).
  void ApplyDue(Clock::time_point now);

 private:
  struct Action {
    Clock::time_point due;
    std::string fault;
    std::string what;
    std::function<void(RunningDomain&)> apply;
  };
  void Schedule(Clock::time_point due, std::string_view fault, std::string what,
                std::function<void(RunningDomain&)> apply);
  /// Calls `fn(fault, effect)` for the first fault of each kind with a host effect.
  template <typename F>
  void ForEachEffect(F&& fn) const;
  /// What an effect of `fault` schedules with.
  HostFaultEffect::Schedule ScheduleFor(const Fault& fault);

  BootPlan plan_;
  DomainSpec spec_;
  DomainSpec start_spec_;
  RunningDomain* domain_ = nullptr;
  Clock::time_point start_;
  std::vector<Action> pending_;  ///< sorted by due, stable for equal times
  std::vector<FaultInjection>* injections_;
};

}  // namespace bootstorm
