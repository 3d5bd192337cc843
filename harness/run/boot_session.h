// The host side of one boot: receives the domain's callbacks (on the event
// thread), turns channel bytes into bounded lines, keeps the serial console
// in a file, and hands events to the VM's worker thread in order.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>

#include "hypervisor.h"
#include "line_assembler.h"

namespace bootstorm {

struct BootEvent {
  enum class Kind {
    kLine,            ///< one line from the probe channel (text)
    kHistoryLine,     ///< one line from the observer's history channel (text)
    kOversizedLine,   ///< the guest sent a line over the bound; text: which channel
    kFlood,           ///< the guest sent more than a boot may (bytes or queued lines)
    kChannelClosed,   ///< text: why
    kStopped,         ///< the domain stopped; text: reason
    kConnectionLost,  ///< the hypervisor connection was lost; text: reason
    kCancelled,       ///< the run is being interrupted
  };
  Kind kind;
  std::string text;
};

/// A normal boot sends a few observations of a few KiB; far more is a guest
/// misbehaving, and must not cost the host memory.
inline constexpr std::size_t kMaxChannelBytesPerBoot = 16 << 20;
/// The history channel's: kMaxHistoryEventsPerBoot events of a typical size.
inline constexpr std::size_t kMaxHistoryBytesPerBoot = 32 << 20;
inline constexpr std::size_t kMaxQueuedLineBytes = 4 << 20;

/// The infra error an event of kind kOversizedLine or kFlood stands for.
std::string GuestChannelError(const BootEvent& event);

class BootSession : public DomainEvents {
 public:
  /// Console output goes to `console_path`, at most `console_limit` bytes.
  BootSession(const std::filesystem::path& console_path, std::size_t console_limit);

  /// Next event, or nullopt when `deadline` passes first.
  std::optional<BootEvent> WaitUntil(std::chrono::steady_clock::time_point deadline);
  /// Queues kCancelled (thread-safe; used by Cancellation).
  void Cancel();

  void OnChannelData(std::string_view bytes) override;
  void OnChannelClosed(const std::string& reason) override;
  void OnHistoryData(std::string_view bytes) override;
  void OnConsoleData(std::string_view bytes) override;
  void OnStopped(const std::string& reason) override;
  void OnConnectionLost(const std::string& reason) override;

 private:
  void Push(BootEvent event);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<BootEvent> events_;
  std::size_t queued_line_bytes_ = 0;
  bool flooded_ = false;  ///< kFlood sent; channel data is ignored from then on
  /// One guest channel's lines and byte count so far. Touched only on the
  /// event thread (channel callbacks), so it needs no lock of its own.
  struct Channel {
    std::string_view name;  ///< for errors
    LineAssembler lines;
    std::size_t byte_limit;
    BootEvent::Kind line_kind;
    std::size_t bytes = 0;
  };
  void Feed(Channel& channel, std::string_view bytes);
  Channel probe_;
  Channel history_;

  std::mutex console_mu_;
  std::ofstream console_;
  std::size_t console_written_ = 0;
  std::size_t console_limit_;
};

}  // namespace bootstorm
