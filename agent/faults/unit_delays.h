// Fault `delay`: before a unit starts, the guest waits. The generator writes
// a drop-in per delayed unit whose ExecStartPre runs `bootstorm-agent delay
// UNIT MS`, which sleeps and records the injection (fault_events.h), so the
// unit's activation (its inactive-exit to active-enter) spans the wait.
#pragma once

#include <map>
#include <string>

#include "agent_log.h"
#include "boot_plan.h"

namespace bootstorm {

/// The drop-ins for the plan's `delay` faults, keyed by path relative to the
/// generator's output directory ("NetworkManager.service.d/60-delay.conf").
/// Several delays of one unit run one after the other. Each drop-in also
/// raises the unit's start timeout by the total wait.
std::map<std::string, std::string> RenderDelayDropIns(const BootPlan& plan);

/// The subcommand `delay UNIT MS` those drop-ins run: waits `ms` milliseconds
/// and records the injection in the fault events file. Returns the exit code.
int RunDelay(const std::string& unit, int ms, const AgentLog& log);

}  // namespace bootstorm
