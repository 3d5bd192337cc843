#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace bootstorm {
namespace {

[[noreturn]] void ThrowErrno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Closes a descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void WriteAll(int fd, const std::string& content, const std::string& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ThrowErrno("write " + path);
    done += static_cast<std::size_t>(n);
  }
}

bool IsRegularFileWith(const std::string& path, const std::string& content, mode_t mode) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 07777) != mode ||
      static_cast<std::size_t>(st.st_size) != content.size())
    return false;
  return ReadFileBounded(path, content.size() + 1) == content;
}

std::string Folder(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::optional<std::string> ReadFileBounded(const std::string& path, std::size_t max_bytes) {
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return std::nullopt;
  std::string content;
  char buffer[4096];
  while (content.size() < max_bytes) {
    ssize_t n = read(fd.get(), buffer, std::min(sizeof buffer, max_bytes - content.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

bool ReplaceFileIfDifferent(const std::string& path, const std::string& content, mode_t mode) {
  if (IsRegularFileWith(path, content, mode)) return false;
  std::string folder = Folder(path);
  std::string temp = path + ".bootstorm-XXXXXX";
  FileDescriptor fd(mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) ThrowErrno("create temporary file for " + path);
  try {
    WriteAll(fd.get(), content, temp);
    if (fchmod(fd.get(), mode) != 0) ThrowErrno("chmod " + temp);
    if (fsync(fd.get()) != 0) ThrowErrno("fsync " + temp);
    if (rename(temp.c_str(), path.c_str()) != 0) ThrowErrno("rename to " + path);
  } catch (...) {
    unlink(temp.c_str());
    throw;
  }
  // The rename is durable only once the folder's entry is on disk.
  FileDescriptor dir(open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || fsync(dir.get()) != 0) ThrowErrno("fsync " + folder);
  return true;
}

void MakeDirectories(const std::string& path, mode_t mode) {
  for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    std::string prefix = path.substr(0, slash);
    if (mkdir(prefix.c_str(), mode) != 0 && errno != EEXIST) ThrowErrno("mkdir " + prefix);
    if (slash == std::string::npos) return;
  }
}

bool AppendLine(const std::string& path, const std::string& line) {
  FileDescriptor fd(open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
  if (fd.get() < 0) return false;
  std::string text = line + "\n";
  return write(fd.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

}  // namespace bootstorm
