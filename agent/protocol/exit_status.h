// How a program that bootstorm ran ended: the one contract of the guest's
// RunCommand (agent/base/command.h) and the host's RunProcess
// (harness/run/process.h), as a shell reports it.
#pragma once

#include <sys/wait.h>

namespace bootstorm {

/// The exit status of a program that could not be started (RunCommand;
/// RunProcess throws instead).
inline constexpr int kNotStarted = -1;

/// The exit status of a program that signal `signal` killed: 128+N, as a
/// shell reports it. A program killed for outliving its timeout reports
/// KilledBySignal(SIGKILL), with `timed_out` set.
constexpr int KilledBySignal(int signal) { return 128 + signal; }

/// The exit status that waitpid's `wait_status` describes: the exit code
/// (0 to 255) of a program that exited, KilledBySignal(N) of one that signal
/// N killed, kNotStarted for any other status.
inline int ExitStatusOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return KilledBySignal(WTERMSIG(wait_status));
  return kNotStarted;
}

}  // namespace bootstorm
