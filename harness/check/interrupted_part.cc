#include "interrupted_part.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "interruption.h"

namespace bootstorm {
namespace {

// Units whose start waits for the local stage: the network and final stages
// always; NetworkManager and its wait-online unit unless NM goes first.
bool OrderedAfterLocal(const BootPlan& plan, std::string_view unit) {
  if (unit == kUnitNetwork || unit == kUnitFinal) return true;
  bool nm_unit = unit == "NetworkManager.service" || unit == "NetworkManager-wait-online.service";
  return nm_unit && !plan.HasFault(kFaultNmBeforeLocal);
}

bool ShowsLocalStageDone(const Observation& o) {
  return std::any_of(o.timeline.begin(), o.timeline.end(), [](const TimelineEvent& e) {
    return e.unit == kUnitLocal && e.event == kEventActiveEnter;
  });
}

}  // namespace

std::vector<Observation> RecoveryObservations(const std::vector<Observation>& observations) {
  std::vector<Observation> recovery;
  std::copy_if(observations.begin(), observations.end(), std::back_inserter(recovery),
               [](const Observation& o) { return o.part.empty(); });
  return recovery;
}

bool InterruptedAfterRender(const BootPlan& plan, const std::vector<Observation>& observations) {
  const Fault* fault = InterruptingFault(plan);
  if (!fault) return false;
  if (fault->kind == kFaultShutdown && OrderedAfterLocal(plan, fault->unit)) return true;
  return std::any_of(observations.begin(), observations.end(), [](const Observation& o) {
    return o.part == kPartInterrupted && ShowsLocalStageDone(o);
  });
}

}  // namespace bootstorm
