// When to try again to reach a libvirt daemon that went away (crashed, was
// restarted, or its host link dropped). Pure: the caller sleeps and connects.
#pragma once

#include <chrono>
#include <optional>

namespace bootstorm {

/// How long after a connection is lost bootstorm keeps trying to reach the
/// daemon again. A restarted libvirtd answers within seconds; this bound
/// also covers a slow host. After it, every use makes one attempt only.
inline constexpr std::chrono::seconds kReconnectBound{60};
inline constexpr std::chrono::milliseconds kReconnectFirstDelay{250};
inline constexpr std::chrono::milliseconds kReconnectMaxDelay{5000};

/// Delays between reconnect attempts during one outage: doubling from
/// `first` up to `cap`, and never ending later than `bound` after the loss.
class ReconnectBackoff {
 public:
  using Duration = std::chrono::milliseconds;
  ReconnectBackoff(Duration first = kReconnectFirstDelay, Duration cap = kReconnectMaxDelay,
                   Duration bound = kReconnectBound);

  /// The wait before the next attempt when `elapsed` has passed since the
  /// connection was lost; nullopt once the bound is spent.
  std::optional<Duration> Next(Duration elapsed);

 private:
  Duration next_;
  Duration cap_;
  Duration bound_;
};

}  // namespace bootstorm
