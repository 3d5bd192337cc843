#include <fmt/format.h>

#include "files.h"
#include "interruption.h"
#include "legacy_final_restart.h"
#include "shutdown_point.h"
#include "subcommands.h"
#include "unit_delays.h"
#include "unit_ordering.h"

namespace bootstorm {

namespace {

/// The image's unit file `unit` as systemd would find it outside generator
/// output: /etc first, then the package folders; "" when there is none.
std::string ReadImageUnit(std::string_view unit) {
  constexpr std::size_t kMaxUnitBytes = 64 << 10;
  for (std::string_view dir :
       {"/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"}) {
    if (std::optional<std::string> text =
            ReadFileBounded(fmt::format("{}/{}", dir, unit), kMaxUnitBytes))
      return *text;
  }
  return "";
}

/// Writes each file of `files` (paths relative to `dir`).
void WriteUnitFiles(const std::string& dir, const std::map<std::string, std::string>& files) {
  for (const auto& [relative_path, content] : files) {
    std::string path = dir + "/" + relative_path;
    MakeDirectories(path.substr(0, path.rfind('/')));
    ReplaceFileIfDifferent(path, content, 0644);
  }
}

}  // namespace

int RunGenerate(const KernelPlan& plan, const std::string& unit_dir, const std::string& early_dir,
                const AgentLog& log) {
  std::map<std::string, std::string> reordered;
  try {
    std::map<std::string, std::string> drop_ins = RenderOrderingDropIns(plan.plan);
    drop_ins.merge(RenderFinalRestartDropIn(plan.plan));
    drop_ins.merge(RenderDelayDropIns(plan.plan));
    drop_ins.merge(RenderShutdownDropIn(plan.plan));
    WriteUnitFiles(unit_dir, drop_ins);
    reordered = RenderCloudInitReorderedUnits(plan.plan, ReadImageUnit);
    WriteUnitFiles(early_dir, reordered);
  } catch (const std::exception& e) {
    log.Write(fmt::format("cannot write drop-ins: {}", e.what()));
    return 1;
  }
  std::string changes;
  if (plan.plan.HasFault(kFaultNmBeforeLocal)) changes += "; NetworkManager before local";
  if (plan.plan.HasFault(kFaultLocalAfterOnline)) changes += "; local after network-online";
  if (plan.plan.HasFault(kFaultNetworkBeforeNm)) changes += "; network not after NetworkManager";
  if (plan.plan.HasFault(kFaultOrderingCycle))
    changes += "; an ordering cycle through bootstorm-early (self-test)";
  if (plan.plan.activator == Activator::kCloudInit) changes += "; checkpoints around cloud-init";
  for (const auto& [unit, text] : reordered) changes += fmt::format("; {} replaced", unit);
  for (const Fault& f : plan.plan.faults) {
    if (f.kind == kFaultDelay) changes += fmt::format("; {} delayed {} ms", f.unit, f.ms);
  }
  if (plan.plan.activator == Activator::kLegacyFinalRestart)
    changes += "; bootstorm-final.service reloads or restarts NetworkManager";
  const Fault* interrupting = InterruptingFault(plan.plan);
  if (interrupting && interrupting->kind == kFaultShutdown)
    changes += fmt::format("; poweroff requested as {} starts", interrupting->unit);
  log.Write(fmt::format("ordering for run '{}' vm {} boot {}{}", plan.plan.run_id, plan.plan.vm,
                        plan.plan.boot, changes));
  return 0;
}

}  // namespace bootstorm
