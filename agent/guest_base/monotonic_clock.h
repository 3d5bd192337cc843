// The guest's CLOCK_MONOTONIC: the clock of systemd's unit timestamps, the
// journal's and every time an observation carries.
#pragma once

#include <cstdint>

namespace bootstorm {

/// CLOCK_MONOTONIC now, in microseconds.
std::int64_t MonotonicMicros();

}  // namespace bootstorm
