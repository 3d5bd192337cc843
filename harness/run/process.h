// Running external programs (genisoimage, qemu-img, ...) with a timeout and
// captured, bounded output.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace bootstorm {

struct ProcessResult {
  /// Exit status as exit_status.h defines it: KilledBySignal(N) when signal N
  /// killed the program, KilledBySignal(SIGKILL) on timeout.
  int exit_code = -1;  // kNotStarted
  bool timed_out = false;
  std::string out;  ///< stdout, truncated to the bound
  std::string err;  ///< stderr, truncated to the bound
};

/// Runs argv[0] (searched in PATH) with the rest as arguments, stdin closed.
/// Kills it when `timeout` passes. Throws std::runtime_error only when the
/// program cannot be started.
ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

/// RunProcess, but throws std::runtime_error with the command, exit code and
/// stderr unless it exits 0.
ProcessResult RunProcessOrThrow(const std::vector<std::string>& argv,
                                std::chrono::milliseconds timeout);

}  // namespace bootstorm
