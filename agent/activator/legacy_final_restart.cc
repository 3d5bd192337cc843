#include "legacy_final_restart.h"

namespace bootstorm {

std::map<std::string, std::string> RenderFinalRestartDropIn(const BootPlan& plan) {
  if (plan.activator != Activator::kLegacyFinalRestart) return {};
  // "-": as in the historic unit, a failed restart must not stop the final
  // stage (here: its checkpoints, which the harness waits for).
  return {{"bootstorm-final.service.d/60-legacy-final-restart.conf",
           "# Written by bootstorm-generator: activator legacy-final-restart.\n"
           "[Service]\n"
           "ExecStartPre=-/usr/bin/systemctl reload-or-try-restart NetworkManager.service\n"}};
}

}  // namespace bootstorm
