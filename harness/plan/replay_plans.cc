#include "replay_plans.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "exit_code.h"

namespace bootstorm {

std::vector<BootRecord> RecordedBootsOf(const std::vector<RecordedBoot>& recorded, int vms, int vm,
                                        std::optional<int> last_boot, const std::string& what) {
  if (vm < 0 || vm >= vms)
    throw BadInput(fmt::format("{}: --vm {}: the run has VMs 0 to {}", what, vm, vms - 1));
  std::vector<BootRecord> boots;
  for (const RecordedBoot& r : recorded) {
    if (r.vm == vm) boots.push_back(r.boot);
  }
  std::sort(boots.begin(), boots.end(),
            [](const BootRecord& a, const BootRecord& b) { return a.boot < b.boot; });
  if (boots.empty()) throw BadInput(fmt::format("{}: vm {} has no recorded boot", what, vm));
  if (last_boot) {
    if (*last_boot < 1 || *last_boot > static_cast<int>(boots.size()))
      throw BadInput(fmt::format("{}: --boot {}: vm {} has boots 1 to {} recorded", what,
                                 *last_boot, vm, boots.size()));
    boots.resize(*last_boot);
  }
  return boots;
}

std::vector<BootPlan> ReplayPlans(const std::vector<BootPlan>& plans, std::string_view run_id) {
  std::vector<BootPlan> replayed = plans;
  for (BootPlan& p : replayed) {
    p.run_id = std::string(run_id);
    p.vm = 0;
  }
  return replayed;
}

std::string ReplayScenarioText(std::string_view text, int boots) {
  // Ordered: the replay's run.json keeps the recorded scenario's key order.
  nlohmann::ordered_json scenario = nlohmann::ordered_json::parse(text);
  scenario["vms"] = 1;
  scenario["boots"] = boots;
  return scenario.dump(2) + "\n";
}

}  // namespace bootstorm
