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
    kLine,           ///< one line from the probe channel (text)
    kOversizedLine,  ///< the guest sent a line over the bound
    kChannelClosed,  ///< text: why
    kStopped,        ///< the domain stopped; text: reason
    kCancelled,      ///< the run is being interrupted
  };
  Kind kind;
  std::string text;
};

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
  void OnConsoleData(std::string_view bytes) override;
  void OnStopped(const std::string& reason) override;

 private:
  void Push(BootEvent event);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<BootEvent> events_;
  LineAssembler lines_;

  std::mutex console_mu_;
  std::ofstream console_;
  std::size_t console_written_ = 0;
  std::size_t console_limit_;
};

}  // namespace bootstorm
