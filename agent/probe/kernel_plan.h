// The boot plan as this boot received it: on the kernel command line (direct
// kernel boot), or in an SMBIOS OEM string (an image booting from its own
// boot loader, whose command line is the image's).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "agent_log.h"
#include "boot_plan.h"

namespace bootstorm {

struct KernelPlan {
  /// Default plan (reference activator, no faults, run "") unless found.
  BootPlan plan;
  /// Whether a valid plan was found, i.e. the harness booted us.
  bool found = false;
};

/// Reads the plan from a kernel command line. An invalid plan is logged and
/// treated as absent: the boot still runs, and the host sees the mismatch.
KernelPlan PlanFromCmdline(std::string_view cmdline, const AgentLog& log);

/// The plan among SMBIOS OEM strings (smbios_oem.h), each a word of the
/// same form as on the command line; as PlanFromCmdline otherwise.
KernelPlan PlanFromOemStrings(const std::vector<std::string>& strings, const AgentLog& log);

/// PlanFromCmdline of /proc/cmdline; when that has none, PlanFromOemStrings
/// of the SMBIOS table.
KernelPlan ReadKernelPlan(const AgentLog& log);

}  // namespace bootstorm
