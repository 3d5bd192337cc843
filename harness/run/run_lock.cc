#include "run_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "run_manifest.h"

namespace bootstorm {
namespace {

std::string LockName(const std::string& run_id) {
  if (!IsValidRunId(run_id))
    throw std::invalid_argument(
        fmt::format("\"{}\" is not a run id: no lock path made of it", run_id));
  return run_id + ".lock";
}

/// Closes a descriptor on scope exit.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

std::filesystem::path RunLockDir() {
  const char* dir = std::getenv("BOOTSTORM_STATE_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::path("/run/bootstorm/runs");
}

RunLock::RunLock(const std::string& run_id) : path_(RunLockDir() / LockName(run_id)) {
  std::error_code ec;
  std::filesystem::create_directories(path_.parent_path(), ec);
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0 || flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    std::string why = std::strerror(errno);
    if (fd_ >= 0) close(fd_);
    throw std::runtime_error(fmt::format("{}: cannot lock: {}", path_.string(), why));
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (write(fd_, pid.data(), pid.size()) < 0) {
    // The pid is for people reading the folder; the lock is what counts.
  }
}

RunLock::~RunLock() {
  unlink(path_.c_str());
  close(fd_);
}

RunLiveness ProbeRun(const std::string& run_id) {
  if (!IsValidRunId(run_id))
    return {RunLiveness::kUnknown, fmt::format("\"{}\" is not a run id", run_id)};
  std::filesystem::path dir = RunLockDir();
  Fd dir_fd{open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir_fd.fd < 0)
    return {RunLiveness::kUnknown,
            fmt::format("lock folder {}: {}", dir.string(), std::strerror(errno))};
  std::string name = run_id + ".lock";
  std::string lock = (dir / name).string();
  Fd fd{openat(dir_fd.fd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)};
  if (fd.fd < 0) {
    if (errno == ENOENT) return {RunLiveness::kDead, ""};
    return {RunLiveness::kUnknown, fmt::format("{}: {}", lock, std::strerror(errno))};
  }
  struct stat st {};
  if (fstat(fd.fd, &st) != 0 || !S_ISREG(st.st_mode))
    return {RunLiveness::kUnknown, fmt::format("{}: not a regular file", lock)};
  if (flock(fd.fd, LOCK_SH | LOCK_NB) == 0) return {RunLiveness::kDead, ""};
  if (errno == EWOULDBLOCK) return {RunLiveness::kAlive, ""};
  return {RunLiveness::kUnknown, fmt::format("{}: flock: {}", lock, std::strerror(errno))};
}

bool IsRunAlive(const std::string& run_id) { return ProbeRun(run_id).state == RunLiveness::kAlive; }

}  // namespace bootstorm
