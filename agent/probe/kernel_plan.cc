#include "kernel_plan.h"

#include <fmt/format.h>

#include "files.h"
#include "guest_paths.h"
#include "smbios_oem.h"

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

KernelPlan PlanFromOemStrings(const std::vector<std::string>& strings, const AgentLog& log) {
  for (const std::string& s : strings) {
    // An OEM string may hold spaces: only a whole string is the plan.
    if (s.find_first_of(" \t\n") != std::string::npos) continue;
    KernelPlan plan = PlanFromCmdline(s, log);
    if (plan.found) return plan;
  }
  return {};
}

KernelPlan ReadKernelPlan(const AgentLog& log) {
  // The kernel caps its command line at a few KiB; 64 KiB is ample.
  std::optional<std::string> cmdline = ReadFileBounded(std::string(kKernelCmdlinePath), 64 * 1024);
  if (!cmdline) log.Write(fmt::format("cannot read {}", kKernelCmdlinePath));
  KernelPlan plan = PlanFromCmdline(cmdline.value_or(""), log);
  if (plan.found) return plan;
  // SMBIOS tables are a few KiB; a missing one (no DMI) means no plan.
  std::optional<std::string> table = ReadFileBounded(std::string(kSmbiosTablePath), 1 << 20);
  return table ? PlanFromOemStrings(SmbiosOemStrings(*table), log) : plan;
}

}  // namespace bootstorm
