#include "fault_subset.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bootstorm {

std::vector<PlannedFault> FaultsOf(const std::vector<BootPlan>& plans) {
  std::vector<PlannedFault> faults;
  for (const BootPlan& p : plans) {
    for (std::size_t i = 0; i < p.faults.size(); ++i) faults.push_back({p.boot, i});
  }
  return faults;
}

std::vector<BootPlan> KeepFaults(const std::vector<BootPlan>& plans,
                                 const std::vector<PlannedFault>& faults,
                                 const Configuration& keep) {
  std::vector<BootPlan> kept = plans;
  for (BootPlan& p : kept) p.faults.clear();
  for (std::size_t k : keep) {
    const PlannedFault& f = faults.at(k);
    for (std::size_t i = 0; i < plans.size(); ++i) {
      if (plans[i].boot == f.boot) kept[i].faults.push_back(plans[i].faults.at(f.index));
    }
  }
  return kept;
}

std::string FormatPlanFaults(const std::vector<BootPlan>& plans) {
  std::vector<std::string> boots;
  for (const BootPlan& p : plans) {
    std::vector<std::string> faults;
    for (const Fault& f : p.faults) faults.push_back(FormatFault(f));
    boots.push_back(
        fmt::format("boot {}: {}", p.boot,
                    faults.empty() ? "no faults" : fmt::format("{}", fmt::join(faults, ", "))));
  }
  return fmt::format("{}", fmt::join(boots, "; "));
}

std::size_t CountFaults(const std::vector<BootPlan>& plans) {
  std::size_t n = 0;
  for (const BootPlan& p : plans) n += p.faults.size();
  return n;
}

}  // namespace bootstorm
