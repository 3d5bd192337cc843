#include "run_steps.h"

#include <fmt/format.h>

namespace bootstorm {
namespace {

// Enough of a command's output to explain a failure within one log line.
constexpr std::size_t kLoggedOutputBytes = 400;

}  // namespace

bool RunLoggedStep(const CommandStep& step, const AgentLog& log) {
  log.Write("run: " + CommandLine(step.argv));
  CommandResult result = RunCommand(step.argv, step.timeout);
  std::string output = result.output.substr(0, kLoggedOutputBytes);
  log.Write(fmt::format("{}: exit {}{} after {} ms: {}", CommandLine(step.argv), result.exit_code,
                        result.timed_out ? " (timed out)" : "", result.duration.count(), output));
  return result.ok();
}

bool RunLoggedSteps(const std::vector<CommandStep>& steps, const AgentLog& log,
                    const StepHooks& hooks) {
  bool all_ok = true;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const CommandStep& step = steps[i];
    if (hooks.before_step) hooks.before_step(i);
    bool ok = RunLoggedStep(step, log);
    for (int retry = 1; !ok && retry <= step.retries; ++retry) {
      log.Write(fmt::format("retry {} of {}: {}", retry, step.retries, CommandLine(step.argv)));
      if (hooks.before_retry) hooks.before_retry(step);
      ok = RunLoggedStep(step, log);
    }
    all_ok = (ok || !step.must_succeed) && all_ok;
  }
  return all_ok;
}

}  // namespace bootstorm
