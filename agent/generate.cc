#include <fmt/format.h>

#include "files.h"
#include "subcommands.h"
#include "unit_ordering.h"

namespace bootstorm {

int RunGenerate(const KernelPlan& plan, const std::string& unit_dir, const AgentLog& log) {
  try {
    for (const auto& [relative_path, content] : RenderOrderingDropIns(plan.plan)) {
      std::string path = unit_dir + "/" + relative_path;
      MakeDirectories(path.substr(0, path.rfind('/')));
      ReplaceFileIfDifferent(path, content, 0644);
    }
  } catch (const std::exception& e) {
    log.Write(fmt::format("cannot write ordering drop-ins: {}", e.what()));
    return 1;
  }
  log.Write(fmt::format(
      "ordering for run '{}' vm {} boot {}{}", plan.plan.run_id, plan.plan.vm, plan.plan.boot,
      plan.plan.HasFault(kFaultNmBeforeLocal) ? ": NetworkManager before local" : ""));
  return 0;
}

}  // namespace bootstorm
