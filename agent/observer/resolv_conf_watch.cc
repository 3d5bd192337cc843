#include "resolv_conf_watch.h"

#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "files.h"
#include "process_info.h"
#include "sha256.h"

namespace bootstorm {
namespace {

constexpr std::uint64_t kFileMask = FAN_CREATE | FAN_MODIFY | FAN_CLOSE_WRITE | FAN_MOVED_TO |
                                    FAN_MOVED_FROM | FAN_DELETE | FAN_ATTRIB | FAN_EVENT_ON_CHILD;
/// Bounds Rearm against a tree that keeps changing under it.
constexpr int kMaxRearmRounds = 8;
constexpr std::uint64_t kAncestorMask = FAN_CREATE | FAN_MOVED_TO | FAN_ONDIR | FAN_EVENT_ON_CHILD;

namespace fs = std::filesystem;

/// fsid and file handle of `dir`, as bytes; "" when it cannot be named.
std::string FidOf(const std::string& dir) {
  struct statfs st;
  if (statfs(dir.c_str(), &st) != 0) return "";
  alignas(struct file_handle) char buffer[sizeof(struct file_handle) + MAX_HANDLE_SZ];
  auto* handle = reinterpret_cast<struct file_handle*>(buffer);
  handle->handle_bytes = MAX_HANDLE_SZ;
  int mount_id = 0;
  if (name_to_handle_at(AT_FDCWD, dir.c_str(), handle, &mount_id, 0) != 0) return "";
  std::string fid(reinterpret_cast<const char*>(&st.f_fsid), sizeof st.f_fsid);
  fid.append(reinterpret_cast<const char*>(&handle->handle_type), sizeof handle->handle_type);
  fid.append(reinterpret_cast<const char*>(handle->f_handle), handle->handle_bytes);
  return fid;
}

std::optional<std::string> LinkTarget(const std::string& path) {
  char target[4096];
  ssize_t n = readlink(path.c_str(), target, sizeof target);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof target) return std::nullopt;
  return std::string(target, static_cast<std::size_t>(n));
}

bool IsDirectory(const fs::path& p) {
  std::error_code error;
  return fs::is_directory(p, error);
}

}  // namespace

std::vector<FanotifyRecord> ParseFanotifyRecords(const char* data, std::size_t size) {
  // Records are not 8-byte aligned when they carry names: copy, never cast.
  std::vector<FanotifyRecord> records;
  std::size_t offset = 0;
  while (size - offset >= sizeof(struct fanotify_event_metadata)) {
    struct fanotify_event_metadata meta;
    std::memcpy(&meta, data + offset, sizeof meta);
    if (meta.event_len < sizeof meta || meta.event_len > size - offset) break;
    const char* end = data + offset + meta.event_len;
    offset += meta.event_len;
    if (meta.vers != FANOTIFY_METADATA_VERSION) continue;
    if (meta.mask & FAN_Q_OVERFLOW) {
      records.push_back({meta.mask, meta.pid, "", ""});
      continue;
    }
    const char* p = end - meta.event_len + meta.metadata_len;
    while (end - p >= static_cast<std::ptrdiff_t>(sizeof(struct fanotify_event_info_header))) {
      struct fanotify_event_info_header header;
      std::memcpy(&header, p, sizeof header);
      if (header.len == 0 || header.len > end - p) break;
      const char* info_end = p + header.len;
      constexpr std::size_t kHandle = offsetof(struct fanotify_event_info_fid, handle);
      constexpr std::size_t kHandleBytes = offsetof(struct file_handle, f_handle);
      if (header.info_type == FAN_EVENT_INFO_TYPE_DFID_NAME &&
          header.len >= kHandle + kHandleBytes) {
        struct file_handle handle;
        std::memcpy(&handle, p + kHandle, kHandleBytes);
        const char* f_handle = p + kHandle + kHandleBytes;
        if (handle.handle_bytes <= static_cast<std::size_t>(info_end - f_handle)) {
          std::string fid(p + offsetof(struct fanotify_event_info_fid, fsid),
                          sizeof(__kernel_fsid_t));
          fid.append(reinterpret_cast<const char*>(&handle.handle_type), sizeof handle.handle_type);
          fid.append(f_handle, handle.handle_bytes);
          const char* name = f_handle + handle.handle_bytes;
          records.push_back({meta.mask, meta.pid, std::move(fid),
                             std::string(name, strnlen(name, info_end - name))});
        }
      }
      p = info_end;
    }
  }
  return records;
}

std::string ResolvConfOpOf(std::uint64_t mask) {
  // One record may merge several changes of one name: the most telling wins.
  if (mask & FAN_CREATE) return "create";
  if (mask & FAN_MOVED_TO) return "moved-to";
  if (mask & FAN_MOVED_FROM) return "moved-from";
  if (mask & FAN_DELETE) return "delete";
  if (mask & (FAN_MODIFY | FAN_CLOSE_WRITE)) return "modify";
  if (mask & FAN_ATTRIB) return "attrib";
  return "";
}

ResolvConfWatch::ResolvConfWatch(sd_event* loop, EventSink& sink, std::string path)
    : loop_(loop), sink_(sink), path_(fs::absolute(path).lexically_normal().string()) {}

ResolvConfWatch::~ResolvConfWatch() {
  sd_event_source_disable_unref(source_);
  if (fd_ >= 0) close(fd_);
}

void ResolvConfWatch::Arm() {
  fd_ = fanotify_init(FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME | FAN_CLOEXEC | FAN_NONBLOCK,
                      O_RDONLY | O_LARGEFILE);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "fanotify_init");
  Rearm();
  if (marks_.empty()) throw std::system_error(ENOENT, std::generic_category(), "fanotify_mark");
  int r = sd_event_add_io(loop_, &source_, fd_, EPOLLIN, OnReadable, this);
  if (r < 0) throw std::system_error(-r, std::generic_category(), "sd_event_add_io");
  Emit("initial", path_, std::nullopt);
}

std::map<std::string, ResolvConfWatch::Mark> ResolvConfWatch::DesiredMarks() const {
  std::map<std::string, Mark> marks;
  auto watch = [&](const fs::path& file) {
    if (IsDirectory(file.parent_path())) {
      Mark& m = marks[file.parent_path().string()];
      m.mask |= kFileMask;
      m.file_names.insert(file.filename().string());
      return;
    }
    // A folder that does not exist yet: its nearest existing ancestor, for it appearing.
    fs::path missing = file.parent_path();
    while (missing.has_relative_path() && !IsDirectory(missing.parent_path()))
      missing = missing.parent_path();
    Mark& m = marks[missing.parent_path().string()];
    m.mask |= kAncestorMask;
    m.dir_names.insert(missing.filename().string());
  };
  fs::path file = path_;
  watch(file);
  if (std::optional<std::string> target = LinkTarget(path_))
    watch((file.parent_path() / *target).lexically_normal());
  return marks;
}

void ResolvConfWatch::Rearm() {
  // A folder can appear between looking and marking, unseen by the old
  // marks: look again until the marks placed are still the ones wanted.
  for (int round = 0; round < kMaxRearmRounds; ++round) {
    std::map<std::string, Mark> desired = DesiredMarks();
    for (auto& [dir, mark] : desired) mark.fid = FidOf(dir);
    if (desired == marks_) return;
    for (const auto& [dir, mark] : marks_) {
      auto it = desired.find(dir);
      if (it == desired.end() || it->second.mask != mark.mask || it->second.fid != mark.fid)
        fanotify_mark(fd_, FAN_MARK_REMOVE, mark.mask, AT_FDCWD, dir.c_str());  // may be gone
    }
    std::map<std::string, Mark> armed;
    for (auto& [dir, mark] : desired) {
      auto it = marks_.find(dir);
      bool same = it != marks_.end() && it->second.mask == mark.mask && it->second.fid == mark.fid;
      // A folder removed meanwhile fails; its ancestor's mark brings it back.
      if (same || fanotify_mark(fd_, FAN_MARK_ADD, mark.mask, AT_FDCWD, dir.c_str()) == 0)
        armed[dir] = std::move(mark);
    }
    marks_ = std::move(armed);
  }
}

int ResolvConfWatch::OnReadable(sd_event_source*, int, std::uint32_t, void* self) {
  static_cast<ResolvConfWatch*>(self)->ReadEvents();
  return 0;
}

void ResolvConfWatch::ReadEvents() {
  char buffer[8192];
  for (;;) {
    ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n <= 0) return;  // EAGAIN: all read
    for (const FanotifyRecord& r : ParseFanotifyRecords(buffer, static_cast<std::size_t>(n))) {
      if (r.mask & FAN_Q_OVERFLOW) {
        SubmitObserverError(sink_, "fanotify queue overflow: resolv.conf changes lost");
        Rearm();
        Emit("modify", path_, std::nullopt);
      } else {
        HandleEvent(r.mask, r.pid, r.fid, r.name);
      }
    }
  }
}

void ResolvConfWatch::HandleEvent(std::uint64_t mask, int pid, const std::string& fid,
                                  const std::string& name) {
  for (const auto& [dir, mark] : marks_) {
    if (mark.fid != fid) continue;
    bool is_dir = mask & FAN_ONDIR;
    if (!is_dir && mark.file_names.contains(name)) {
      std::string path = dir + "/" + name;
      std::string op = ResolvConfOpOf(mask);
      Rearm();  // a rename or deletion may have changed the link
      if (!op.empty()) Emit(op, path, WriterOf(pid));
      return;
    }
    if (is_dir && mark.dir_names.contains(name)) {
      Rearm();
      // The file may have appeared before the mark: report what is there now.
      if (!last_ || last_->content != ReadFileBounded(path_, kMaxHistoryContentBytes))
        Emit("create", path_, std::nullopt);
      return;
    }
    return;
  }
}

void ResolvConfWatch::Emit(const std::string& op, const std::string& path,
                           std::optional<HistoryWriter> writer) {
  HistoryEvent e;
  e.kind = kHistoryResolvConf;
  e.op = op;
  e.path = path;
  e.content = ReadFileBounded(path_, kMaxHistoryContentBytes);
  e.symlink_target = LinkTarget(path_).value_or("");
  if (e.content) e.sha256 = Sha256Hex(*e.content);
  e.writer = std::move(writer);
  if (op == "modify" && last_ && last_->content == e.content &&
      last_->symlink_target == e.symlink_target && last_->writer == e.writer)
    return;
  last_ = e;
  sink_.Submit(std::move(e));
}

}  // namespace bootstorm
