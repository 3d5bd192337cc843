#include "run_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace bootstorm {
namespace {

std::filesystem::path LockPath(const std::string& run_id) {
  return RunLockDir() / (run_id + ".lock");
}

}  // namespace

std::filesystem::path RunLockDir() {
  const char* dir = std::getenv("BOOTSTORM_STATE_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::path("/run/bootstorm/runs");
}

RunLock::RunLock(const std::string& run_id) : path_(LockPath(run_id)) {
  std::error_code ec;
  std::filesystem::create_directories(path_.parent_path(), ec);
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
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

bool IsRunAlive(const std::string& run_id) {
  int fd = open(LockPath(run_id).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool alive = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return alive;
}

}  // namespace bootstorm
