// The boot plan as this boot received it on the kernel command line.
#pragma once

#include <string_view>

#include "agent_log.h"
#include "boot_plan.h"

namespace bootstorm {

struct KernelPlan {
  /// Default plan (reference activator, no faults, run "") unless found.
  BootPlan plan;
  /// Whether a valid plan was on the command line, i.e. the harness booted us.
  bool found = false;
};

/// Reads the plan from a kernel command line. An invalid plan is logged and
/// treated as absent: the boot still runs, and the host sees the mismatch.
KernelPlan PlanFromCmdline(std::string_view cmdline, const AgentLog& log);

/// PlanFromCmdline of /proc/cmdline.
KernelPlan ReadKernelPlan(const AgentLog& log);

}  // namespace bootstorm
