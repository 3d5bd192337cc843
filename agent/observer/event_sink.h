// The observer's outgoing history: every event gets its seq here, then is
// queued as one line or counted as dropped. Bounded twice: a token bucket
// caps the rate (a hostile or broken guest cannot flood the host) and the
// queue caps memory while the host does not read. Never blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "history.h"

namespace bootstorm {

/// A token bucket: `per_second` tokens a second, at most `burst` saved up.
class RateLimiter {
 public:
  RateLimiter(double per_second, double burst);
  /// Whether one event may pass at `now_us` (CLOCK_MONOTONIC); takes its token if so.
  bool Take(std::int64_t now_us);

 private:
  double per_second_;
  double burst_;
  double tokens_;
  std::int64_t last_us_ = -1;
};

struct SinkLimits {
  std::size_t max_queue_bytes = 4 * 1024 * 1024;
  double events_per_second = 500;
  double burst = 1000;
};

class EventSink {
 public:
  using Clock = std::function<std::int64_t()>;
  /// `clock` stamps events that carry no time (default: MonotonicMicros).
  explicit EventSink(SinkLimits limits = {}, Clock clock = {});

  /// Gives `e` the next seq and, when it has none, the time now, then queues
  /// its line (with a newline), or counts it as dropped when the rate limit,
  /// the queue's bound or the line's size (kMaxHistoryEventBytes) refuses
  /// it. Before the first event queued after drops, queues one observer
  /// "dropped" event with their count (it takes no token).
  void Submit(HistoryEvent e);
  /// Queues the pending "dropped" event now, if any drops are pending and it fits.
  void SubmitDropNotice();

  /// The queued bytes not yet written, oldest first.
  std::string_view Pending() const;
  /// Marks the first `n` pending bytes as written.
  void Consume(std::size_t n);

  /// Drops not yet reported by a "dropped" event.
  std::uint64_t unreported_drops() const { return unreported_drops_; }
  /// The seq the next event gets.
  std::uint64_t next_seq() const { return next_seq_; }
  /// Called after each queued line (the writer schedules a write).
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }

 private:
  bool Queue(const std::string& line);

  SinkLimits limits_;
  Clock clock_;
  RateLimiter limiter_;
  std::string queue_;
  std::size_t written_ = 0;  ///< bytes of queue_ already written
  std::uint64_t next_seq_ = 1;
  std::uint64_t unreported_drops_ = 0;
  std::function<void()> on_queued_;
};

/// Submits an observer "error" event: `detail` (cut to the protocol's
/// bound) says which source failed and how; the other sources go on.
void SubmitObserverError(EventSink& sink, std::string detail);

}  // namespace bootstorm
