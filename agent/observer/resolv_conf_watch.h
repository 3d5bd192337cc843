// Every change of /etc/resolv.conf and of the file it links to, with the
// process that made it, from fanotify: directory marks (FAN_REPORT_DFID_NAME)
// on the file's folder and on its link target's folder, or on the nearest
// existing ancestor of a folder that does not exist yet (re-armed when it
// appears). The link is re-read after every relevant event.
#pragma once

#include <systemd/sd-event.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "event_sink.h"

namespace bootstorm {

class ResolvConfWatch {
 public:
  /// Watches `path` (normally /etc/resolv.conf). `loop` and `sink` must outlive this.
  ResolvConfWatch(sd_event* loop, EventSink& sink, std::string path);
  ~ResolvConfWatch();
  ResolvConfWatch(const ResolvConfWatch&) = delete;
  ResolvConfWatch& operator=(const ResolvConfWatch&) = delete;

  /// Arms fanotify and emits the "initial" event (the state before any
  /// change seen). Throws std::system_error when fanotify refuses.
  void Arm();

 private:
  struct Mark {
    std::uint64_t mask = 0;
    std::set<std::string> file_names;  ///< changes of these are events
    std::set<std::string> dir_names;   ///< these appearing re-arms
    std::string fid;                   ///< fsid and file handle, to map events back
    bool operator==(const Mark&) const = default;
  };
  std::map<std::string, Mark> DesiredMarks() const;
  void Rearm();
  void ReadEvents();
  void HandleEvent(std::uint64_t mask, int pid, const std::string& fid, const std::string& name);
  /// Emits the file's current state as `op`; a "modify" that changes
  /// nothing from the last event (same content, link and writer) is skipped.
  void Emit(const std::string& op, const std::string& path, std::optional<HistoryWriter> writer);
  static int OnReadable(sd_event_source* s, int fd, std::uint32_t revents, void* self);

  sd_event* loop_;
  EventSink& sink_;
  std::string path_;
  int fd_ = -1;
  sd_event_source* source_ = nullptr;
  std::map<std::string, Mark> marks_;  ///< by folder
  std::optional<HistoryEvent> last_;
};

/// One fanotify event of a FAN_REPORT_DFID_NAME group.
struct FanotifyRecord {
  std::uint64_t mask = 0;
  int pid = 0;
  std::string fid;   ///< fsid, handle type and handle of the folder
  std::string name;  ///< the entry in that folder
};
/// The records of one read(2) from a FAN_REPORT_DFID_NAME group; a queue
/// overflow is a record with FAN_Q_OVERFLOW and no fid; malformed tails are
/// skipped.
std::vector<FanotifyRecord> ParseFanotifyRecords(const char* data, std::size_t size);

/// The fanotify op name of an event mask (resolv-conf ops), "" for none.
std::string ResolvConfOpOf(std::uint64_t mask);

}  // namespace bootstorm
