#include "event_sink.h"

#include <algorithm>

#include "monotonic_clock.h"

namespace bootstorm {
namespace {

/// history.cc's bound on `detail`.
constexpr std::size_t kMaxDetailBytes = 4096;

}  // namespace

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(burst), tokens_(burst) {}

bool RateLimiter::Take(std::int64_t now_us) {
  if (last_us_ >= 0 && now_us > last_us_)
    tokens_ =
        std::min(burst_, tokens_ + per_second_ * static_cast<double>(now_us - last_us_) / 1e6);
  if (now_us > last_us_) last_us_ = now_us;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

EventSink::EventSink(SinkLimits limits, Clock clock)
    : limits_(limits),
      clock_(clock ? std::move(clock) : Clock(MonotonicMicros)),
      limiter_(limits.events_per_second, limits.burst) {}

bool EventSink::Queue(const std::string& line) {
  if (line.size() > kMaxHistoryEventBytes) return false;
  if (queue_.size() - written_ + line.size() + 1 > limits_.max_queue_bytes) return false;
  // Reclaim the written prefix before it grows the buffer.
  if (written_ > 0 && queue_.size() + line.size() + 1 > queue_.capacity()) {
    queue_.erase(0, written_);
    written_ = 0;
  }
  queue_ += line;
  queue_ += '\n';
  if (on_queued_) on_queued_();
  return true;
}

void EventSink::SubmitDropNotice() {
  if (unreported_drops_ == 0) return;
  HistoryEvent notice;
  notice.kind = kHistoryObserver;
  notice.op = "dropped";
  notice.count = unreported_drops_;
  notice.seq = next_seq_++;
  notice.monotonic_us = clock_();
  if (Queue(SerializeHistoryEvent(notice)))
    unreported_drops_ = 0;
  else
    ++unreported_drops_;  // the notice itself is lost, and counted
}

void EventSink::Submit(HistoryEvent e) {
  std::int64_t now = clock_();
  if (e.monotonic_us == 0) e.monotonic_us = now;
  if (!limiter_.Take(now)) {
    e.seq = next_seq_++;
    ++unreported_drops_;
    return;
  }
  SubmitDropNotice();
  e.seq = next_seq_++;
  if (!Queue(SerializeHistoryEvent(e))) ++unreported_drops_;
}

std::string_view EventSink::Pending() const { return std::string_view(queue_).substr(written_); }

void EventSink::Consume(std::size_t n) {
  written_ += std::min(n, queue_.size() - written_);
  if (written_ == queue_.size()) {
    queue_.clear();
    written_ = 0;
  }
}

void SubmitObserverError(EventSink& sink, std::string detail) {
  HistoryEvent e;
  e.kind = kHistoryObserver;
  e.op = "error";
  if (detail.size() > kMaxDetailBytes) detail.resize(kMaxDetailBytes);
  e.detail = std::move(detail);
  sink.Submit(std::move(e));
}

}  // namespace bootstorm
