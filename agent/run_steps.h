// Runs planned commands and records each in the agent log, so the host can
// see which activation commands ran, how they ended and how long they took.
#pragma once

#include <vector>

#include "agent_log.h"
#include "command.h"

namespace bootstorm {

/// Runs one step and logs its command line, exit code, duration and the
/// start of its output. Returns whether it succeeded.
bool RunLoggedStep(const CommandStep& step, const AgentLog& log);

/// Runs all steps in order, continuing past failures (each later step may
/// still repair state). Returns whether every step that must succeed did.
bool RunLoggedSteps(const std::vector<CommandStep>& steps, const AgentLog& log);

}  // namespace bootstorm
