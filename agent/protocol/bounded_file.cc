#include "bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bootstorm {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

std::string KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a fifo";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

}  // namespace

std::string ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                            ReadFileOptions options) {
  // O_NONBLOCK: opening a fifo for reading would wait for a writer.
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (options.no_follow ? O_NOFOLLOW : 0);
  Fd fd(::open(path.c_str(), flags));
  if (fd.get() < 0) {
    if (errno == ELOOP && options.no_follow) throw FileReadError(path, "is a symbolic link");
    throw FileReadError(path, Errno("cannot read"));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw FileReadError(path, Errno("cannot stat"));
  if (!S_ISREG(st.st_mode)) throw FileReadError(path, "is " + KindOf(st.st_mode) + ", not a file");
  auto too_big = [&] {
    return FileReadError(path, "larger than the " + std::to_string(max_bytes) + "-byte limit");
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) throw too_big();
  if (::fcntl(fd.get(), F_SETFL, O_RDONLY) != 0) throw FileReadError(path, Errno("fcntl"));

  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw FileReadError(path, Errno("cannot read"));
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) throw too_big();
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace bootstorm
