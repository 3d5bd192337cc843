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

bool RunLoggedSteps(const std::vector<CommandStep>& steps, const AgentLog& log) {
  bool all_ok = true;
  for (const CommandStep& step : steps)
    all_ok = (RunLoggedStep(step, log) || !step.must_succeed) && all_ok;
  return all_ok;
}

}  // namespace bootstorm
