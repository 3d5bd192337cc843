// Runs planned commands and records each in the agent log, so the host can
// see which activation commands ran, how they ended and how long they took.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "agent_log.h"
#include "command.h"

namespace bootstorm {

/// Runs one step and logs its command line, exit code, duration and the
/// start of its output. Returns whether it succeeded.
bool RunLoggedStep(const CommandStep& step, const AgentLog& log);

/// What runs around a sequence of steps without being one of them.
struct StepHooks {
  /// Called before step `index` (from 0) runs: where faults hook in, so the
  /// steps' planner does not know about them.
  std::function<void(std::size_t index)> before_step;
  /// Called before a failed step with retries left is tried again.
  std::function<void(const CommandStep&)> before_retry;
};

/// Runs all steps in order, continuing past failures (each later step may
/// still repair state); a failed step is tried up to `retries` more times.
/// Returns whether every step that must succeed did.
bool RunLoggedSteps(const std::vector<CommandStep>& steps, const AgentLog& log,
                    const StepHooks& hooks = {});

}  // namespace bootstorm
