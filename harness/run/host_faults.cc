#include "host_faults.h"

#include <algorithm>

namespace bootstorm {

HostFaults::HostFaults(const BootPlan& plan, const DomainSpec& spec,
                       std::vector<FaultInjection>* injections)
    : plan_(plan), spec_(spec), start_spec_(spec), injections_(injections) {
  ForEachEffect([this](const Fault& f, const HostFaultEffect& effect) {
    effect.AdjustStart(f, &start_spec_);
  });
}

template <typename F>
void HostFaults::ForEachEffect(F&& fn) const {
  for (const Fault& f : plan_.faults) {
    // The first fault of a kind acts, as the guest's side reads the plan.
    if (plan_.FindFault(f.kind) != &f) continue;
    if (const HostFaultEffect* effect = FindHostFaultEffect(f.kind)) fn(f, *effect);
  }
}

void HostFaults::Schedule(Clock::time_point due, std::string_view fault, std::string what,
                          std::function<void(RunningDomain&)> apply) {
  Action action{due, std::string(fault), std::move(what), std::move(apply)};
  auto at = std::upper_bound(pending_.begin(), pending_.end(), due,
                             [](Clock::time_point t, const Action& a) { return t < a.due; });
  pending_.insert(at, std::move(action));
}

HostFaultEffect::Schedule HostFaults::ScheduleFor(const Fault& fault) {
  return [this, kind = fault.kind](Clock::time_point due, std::string what,
                                   std::function<void(RunningDomain&)> apply) {
    Schedule(due, kind, std::move(what), std::move(apply));
  };
}

void HostFaults::Started(RunningDomain* domain, Clock::time_point start) {
  domain_ = domain;
  start_ = start;
  ForEachEffect([&](const Fault& f, const HostFaultEffect& effect) {
    effect.Started(f, spec_, start, ScheduleFor(f));
  });
  ApplyDue(start);
}

void HostFaults::OnCheckpoint(std::string_view checkpoint, Clock::time_point now) {
  ForEachEffect([&](const Fault& f, const HostFaultEffect& effect) {
    effect.OnCheckpoint(f, checkpoint, spec_, now, ScheduleFor(f));
  });
  ApplyDue(now);
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
