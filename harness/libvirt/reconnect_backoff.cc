#include "reconnect_backoff.h"

#include <algorithm>

namespace bootstorm {

ReconnectBackoff::ReconnectBackoff(Duration first, Duration cap, Duration bound)
    : next_(first), cap_(cap), bound_(bound) {}

std::optional<ReconnectBackoff::Duration> ReconnectBackoff::Next(Duration elapsed) {
  if (elapsed >= bound_) return std::nullopt;
  Duration delay = std::min(next_, bound_ - elapsed);  // the last attempt falls on the bound
  next_ = std::min(next_ * 2, cap_);
  return delay;
}

}  // namespace bootstorm
