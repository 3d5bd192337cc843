#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace bootstorm {
namespace {

/// Writes all of `text` to `fd` and syncs it; "" or the error.
std::string WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? std::strerror(errno) : "nothing written";
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return fsync(fd) == 0 ? "" : std::strerror(errno);
}

}  // namespace

void WriteFileAtomically(const std::filesystem::path& path, std::string_view text) {
  std::string tmp = path.string() + ".XXXXXX.tmp";
  int fd = mkstemps(tmp.data(), 4);
  if (fd < 0)
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  // mkstemps makes it 0600; the file it replaces was readable like any other.
  fchmod(fd, 0644);
  std::string error = WriteAll(fd, text);
  if (close(fd) != 0 && error.empty()) error = std::strerror(errno);
  if (error.empty() && std::rename(tmp.c_str(), path.c_str()) != 0) error = std::strerror(errno);
  if (!error.empty()) {
    unlink(tmp.c_str());
    throw std::runtime_error("cannot write " + path.string() + ": " + error);
  }
}

}  // namespace bootstorm
