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
  /// Creates and locks <RunLockDir()>/<run_id>.lock. Throws std::runtime_error.
  explicit RunLock(const std::string& run_id);
  ~RunLock();  ///< unlocks and removes the file
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

/// True while some process holds the lock of `run_id` (on this machine).
bool IsRunAlive(const std::string& run_id);

}  // namespace bootstorm
