// Writes the EventSink's lines to the host from the sd-event loop, never
// blocking it. The virtio port's writes fail with EAGAIN both when its
// buffer is full (wait for EPOLLOUT) and when no host is connected (poll
// reports EPOLLHUP until one connects; the kernel then sends SIGIO to an
// O_ASYNC owner): lines stay queued in the sink meanwhile, within its bound.
#pragma once

#include <systemd/sd-event.h>

#include <chrono>
#include <string>

#include "event_sink.h"

namespace bootstorm {

class PortOutput {
 public:
  /// Writes `sink`'s lines once an output is open. `loop` must outlive this.
  PortOutput(sd_event* loop, EventSink& sink);
  ~PortOutput();
  PortOutput(const PortOutput&) = delete;
  PortOutput& operator=(const PortOutput&) = delete;

  /// Appends to the file `path` (created 0644): the test mode's output.
  /// Throws std::system_error when it cannot be opened.
  void OpenFile(const std::string& path);
  /// Opens the virtio port named `name` once it exists: at once, or when
  /// /dev gains it (inotify) within `wait`; after that, gives up (stderr),
  /// and the lines stay queued until the sink's bound drops them.
  void OpenPort(std::string_view name, std::chrono::milliseconds wait);

  /// Writes to `fd` (owned, O_NONBLOCK) from now on. `wait_writable`: on
  /// EAGAIN, wait for EPOLLOUT (a port or pipe; a regular file never blocks).
  void Open(int fd, bool wait_writable);

  /// Writes what is pending until done, the output refuses, or `budget`
  /// passed (blocking in poll): for shutdown.
  void Drain(std::chrono::milliseconds budget);

 private:
  void TryPort();
  /// Writes until nothing is pending (0) or write fails (its errno).
  int WritePending();
  /// WritePending from the loop: waits for EPOLLOUT when the port is full.
  void WriteNow();
  static int OnDefer(sd_event_source* s, void* self);
  static int OnWritable(sd_event_source* s, int fd, std::uint32_t revents, void* self);
  static int OnSigio(sd_event_source* s, const struct signalfd_siginfo* si, void* self);
  static int OnDevChange(sd_event_source* s, int fd, std::uint32_t revents, void* self);
  static int OnPortTimeout(sd_event_source* s, std::uint64_t usec, void* self);
  void StopWaitingForPort();

  sd_event* loop_;
  EventSink& sink_;
  int fd_ = -1;
  bool wait_writable_ = false;
  std::string port_name_;
  sd_event_source* defer_ = nullptr;     ///< one write per loop iteration
  sd_event_source* writable_ = nullptr;  ///< EPOLLOUT while the port is full
  sd_event_source* sigio_ = nullptr;     ///< a host connected
  int inotify_fd_ = -1;
  sd_event_source* dev_watch_ = nullptr;
  sd_event_source* port_timeout_ = nullptr;
};

}  // namespace bootstorm
