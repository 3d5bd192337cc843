#include "kernel_plan.h"

#include <fmt/format.h>

#include "files.h"
#include "guest_paths.h"

namespace bootstorm {

KernelPlan PlanFromCmdline(std::string_view cmdline, const AgentLog& log) {
  KernelPlan result;
  try {
    if (std::optional<BootPlan> plan = DecodePlanFromCmdline(cmdline)) {
      result.plan = *plan;
      result.found = true;
    }
  } catch (const std::invalid_argument& e) {
    log.Write(fmt::format("ignoring invalid boot plan on the kernel command line: {}", e.what()));
  }
  return result;
}

KernelPlan ReadKernelPlan(const AgentLog& log) {
  // The kernel caps its command line at a few KiB; 64 KiB is ample.
  std::optional<std::string> cmdline = ReadFileBounded(std::string(kKernelCmdlinePath), 64 * 1024);
  if (!cmdline) log.Write(fmt::format("cannot read {}", kKernelCmdlinePath));
  return PlanFromCmdline(cmdline.value_or(""), log);
}

}  // namespace bootstorm
