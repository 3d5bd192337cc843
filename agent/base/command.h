// Running external programs from the agent: every command has a timeout and
// its output is captured up to a bound, so no stage can hang or flood memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace bootstorm {

/// Bounds one nmcli call or NetworkManager D-Bus query: well under a second
/// on an idle guest, but a loaded TCG host was measured taking over 10 s.
inline constexpr std::chrono::seconds kNmCallTimeout{30};

struct CommandResult {
  /// Exit status as exit_status.h defines it: kNotStarted when the program
  /// could not be started, KilledBySignal(N) when signal N killed it.
  int exit_code = -1;  // kNotStarted
  bool timed_out = false;
  /// stdout and stderr interleaved, at most the requested bound.
  std::string output;
  std::chrono::milliseconds duration{0};

  bool ok() const { return exit_code == 0 && !timed_out; }
};

/// A command planned by a pure function and run later.
struct CommandStep {
  std::vector<std::string> argv;
  std::chrono::seconds timeout;
  /// False for steps that only record state: their failure is logged but does
  /// not fail the stage (a slow `nmcli general status` is not a failed activation).
  bool must_succeed = true;
  /// Further tries after a failure, each after StepHooks::before_retry
  /// (run_steps.h), e.g. once the daemon the step talks to answers again.
  int retries = 0;
  bool operator==(const CommandStep&) const = default;
};

/// Runs argv (argv[0] looked up in PATH) with stdin from /dev/null. Kills the
/// program (SIGKILL) when it outlives `timeout`. Never throws for failures of
/// the program itself; they show in the result.
CommandResult RunCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         std::size_t max_output = 64 * 1024);

/// argv joined by spaces, for logs.
std::string CommandLine(const std::vector<std::string>& argv);

}  // namespace bootstorm
