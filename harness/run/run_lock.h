// Liveness of runs: a run holds an exclusive flock on its lock file for its
// whole life, so after SIGKILL the kernel releases it and garbage collection
// can tell a dead run's leftovers from a live run's resources.
#pragma once

#include <filesystem>
#include <string>

namespace bootstorm {

/// Folder of run lock files: $BOOTSTORM_STATE_DIR or /run/bootstorm/runs.
std::filesystem::path RunLockDir();

class RunLock {
 public:
  /// Creates and locks <RunLockDir()>/<run_id>.lock. Throws
  /// std::invalid_argument for an id IsValidRunId refuses, std::runtime_error
  /// when the lock cannot be taken.
  explicit RunLock(const std::string& run_id);
  ~RunLock();  ///< unlocks and removes the file
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

/// What the lock of a run says about it.
struct RunLiveness {
  enum State { kAlive, kDead, kUnknown };
  State state = kUnknown;
  std::string why;  ///< for kUnknown: what could not be established
};

/// Probes the lock of `run_id` (on this machine). Dead only when proved: the
/// lock folder opens as a folder and either holds no lock file for the run
/// (it ended, or the host restarted) or its regular lock file can be
/// flocked. Anything else (an unreadable folder, a lock that is not a
/// regular file, EACCES, an invalid id) is kUnknown: fail closed.
RunLiveness ProbeRun(const std::string& run_id);

/// True while some process holds the lock of `run_id` (on this machine).
bool IsRunAlive(const std::string& run_id);

}  // namespace bootstorm
