#include "port_output.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "monotonic_clock.h"
#include "virtio_port.h"

namespace bootstorm {

PortOutput::PortOutput(sd_event* loop, EventSink& sink) : loop_(loop), sink_(sink) {
  sd_event_add_defer(loop_, &defer_, OnDefer, this);
  sd_event_source_set_enabled(defer_, SD_EVENT_OFF);
  sink_.set_on_queued([this] {
    if (fd_ >= 0 && writable_ == nullptr) sd_event_source_set_enabled(defer_, SD_EVENT_ONESHOT);
  });
}

PortOutput::~PortOutput() {
  sink_.set_on_queued({});
  StopWaitingForPort();
  sd_event_source_disable_unref(defer_);
  sd_event_source_disable_unref(writable_);
  sd_event_source_disable_unref(sigio_);
  if (fd_ >= 0) close(fd_);
}

void PortOutput::OpenFile(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "--output " + path);
  Open(fd, false);
}

void PortOutput::OpenPort(std::string_view name, std::chrono::milliseconds wait) {
  port_name_ = name;
  // Watch first, then look, so a port made in between is not missed.
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_fd_ >= 0) {
    inotify_add_watch(inotify_fd_, VirtioPortDirs().dev.c_str(), IN_CREATE | IN_ATTRIB);
    sd_event_add_io(loop_, &dev_watch_, inotify_fd_, EPOLLIN, OnDevChange, this);
    sd_event_add_time_relative(loop_, &port_timeout_, CLOCK_MONOTONIC,
                               static_cast<std::uint64_t>(wait.count()) * 1000, 0, OnPortTimeout,
                               this);
  }
  TryPort();
}

void PortOutput::TryPort() {
  // The kernel names a port after making its node (sysfs has no inotify):
  // udev's link in /dev/virtio-ports, once that folder exists, is the event.
  if (inotify_fd_ >= 0) inotify_add_watch(inotify_fd_, VirtioPortDirs().links.c_str(), IN_CREATE);
  std::optional<std::string> path = FindVirtioPort(port_name_);
  if (!path) return;
  int fd = open(path->c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    std::fprintf(stderr, "bootstorm-observer: cannot open %s: %m\n", path->c_str());
    return;  // perhaps not ready yet: the next /dev change retries
  }
  StopWaitingForPort();
  // SIGIO tells when a host connects (virtio_console signals O_ASYNC owners).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGIO);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  sd_event_add_signal(loop_, &sigio_, SIGIO, OnSigio, this);
  fcntl(fd, F_SETOWN, getpid());
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC);
  Open(fd, true);
}

void PortOutput::StopWaitingForPort() {
  dev_watch_ = sd_event_source_disable_unref(dev_watch_);
  port_timeout_ = sd_event_source_disable_unref(port_timeout_);
  if (inotify_fd_ >= 0) close(inotify_fd_);
  inotify_fd_ = -1;
}

void PortOutput::Open(int fd, bool wait_writable) {
  fd_ = fd;
  wait_writable_ = wait_writable;
  WriteNow();
}

int PortOutput::WritePending() {
  while (fd_ >= 0 && !sink_.Pending().empty()) {
    std::string_view pending = sink_.Pending();
    ssize_t n = write(fd_, pending.data(), pending.size());
    if (n > 0)
      sink_.Consume(static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      return n == 0 ? EIO : errno;
  }
  return 0;
}

void PortOutput::WriteNow() {
  int error = WritePending();
  if (error == EAGAIN && wait_writable_ && writable_ == nullptr) {
    sd_event_add_io(loop_, &writable_, fd_, EPOLLOUT, OnWritable, this);
  } else if (error != 0 && error != EAGAIN) {
    std::fprintf(stderr, "bootstorm-observer: write: %s\n", std::strerror(error));
  } else if (error == 0 && sink_.unreported_drops() > 0) {
    sink_.SubmitDropNotice();  // drained: report drops now, not with the next event
  }
}

int PortOutput::OnDefer(sd_event_source*, void* self) {
  static_cast<PortOutput*>(self)->WriteNow();
  return 0;
}

int PortOutput::OnWritable(sd_event_source*, int, std::uint32_t revents, void* self) {
  auto* out = static_cast<PortOutput*>(self);
  // EPOLLHUP: no host. The source goes, or epoll would report it forever;
  // SIGIO brings the next attempt.
  out->writable_ = sd_event_source_disable_unref(out->writable_);
  if (!(revents & EPOLLHUP)) out->WriteNow();
  return 0;
}

int PortOutput::OnSigio(sd_event_source*, const struct signalfd_siginfo*, void* self) {
  auto* out = static_cast<PortOutput*>(self);
  if (out->writable_ == nullptr) out->WriteNow();
  return 0;
}

int PortOutput::OnDevChange(sd_event_source*, int fd, std::uint32_t, void* self) {
  alignas(struct inotify_event) char buffer[4096];
  while (read(fd, buffer, sizeof buffer) > 0) {
  }
  static_cast<PortOutput*>(self)->TryPort();
  return 0;
}

int PortOutput::OnPortTimeout(sd_event_source*, std::uint64_t, void* self) {
  auto* out = static_cast<PortOutput*>(self);
  std::fprintf(stderr, "bootstorm-observer: no virtio port %s: events stay queued\n",
               out->port_name_.c_str());
  out->StopWaitingForPort();
  return 0;
}

void PortOutput::Drain(std::chrono::milliseconds budget) {
  if (sink_.unreported_drops() > 0) sink_.SubmitDropNotice();
  std::int64_t deadline = MonotonicMicros() + budget.count() * 1000;
  while (WritePending() == EAGAIN) {
    std::int64_t left_ms = (deadline - MonotonicMicros()) / 1000;
    pollfd p{.fd = fd_, .events = POLLOUT, .revents = 0};
    if (left_ms <= 0 || poll(&p, 1, static_cast<int>(left_ms)) <= 0 ||
        (p.revents & (POLLHUP | POLLERR)))
      return;
  }
}

}  // namespace bootstorm
