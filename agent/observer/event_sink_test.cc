#include "event_sink.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace bootstorm {
namespace {

std::vector<HistoryEvent> Lines(std::string_view text) {
  std::vector<HistoryEvent> events;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) events.push_back(ParseHistoryEvent(line));
  return events;
}

HistoryEvent Link(const std::string& ifname) {
  HistoryEvent e;
  e.kind = kHistoryLink;
  e.ifname = ifname;
  e.operstate = "up";
  return e;
}

TEST(RateLimiter, BurstThenRefillsAtItsRate) {
  RateLimiter limiter(2, 3);
  EXPECT_TRUE(limiter.Take(0));
  EXPECT_TRUE(limiter.Take(0));
  EXPECT_TRUE(limiter.Take(0));
  EXPECT_FALSE(limiter.Take(0));
  EXPECT_FALSE(limiter.Take(400'000));  // 0.8 tokens
  EXPECT_TRUE(limiter.Take(500'000));   // 1.0
  EXPECT_FALSE(limiter.Take(500'000));
  EXPECT_TRUE(limiter.Take(100'000'000));  // saved up to the burst only
  EXPECT_TRUE(limiter.Take(100'000'000));
  EXPECT_TRUE(limiter.Take(100'000'000));
  EXPECT_FALSE(limiter.Take(100'000'000));
}

TEST(EventSink, CountsDropsAndReportsThemBeforeTheNextEvent) {
  std::int64_t now = 1000;
  EventSink sink({.events_per_second = 1, .burst = 2}, [&] { return now; });
  for (const char* name : {"a", "b", "c", "d"}) sink.Submit(Link(name));
  EXPECT_EQ(sink.unreported_drops(), 2u);
  now += 2'000'000;
  sink.Submit(Link("e"));
  std::vector<HistoryEvent> events = Lines(sink.Pending());
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].seq, 1u);
  EXPECT_EQ(events[0].ifname, "a");
  EXPECT_EQ(events[0].monotonic_us, 1000);
  EXPECT_EQ(events[1].seq, 2u);
  // seq 3 and 4 were dropped: the gap shows, and the notice counts them.
  EXPECT_EQ(events[2].kind, kHistoryObserver);
  EXPECT_EQ(events[2].op, "dropped");
  EXPECT_EQ(events[2].count, 2u);
  EXPECT_EQ(events[2].seq, 5u);
  EXPECT_EQ(events[3].seq, 6u);
  EXPECT_EQ(events[3].ifname, "e");
  EXPECT_EQ(sink.unreported_drops(), 0u);
}

TEST(EventSink, QueueIsBoundedAndFreedByWrites) {
  EventSink sink({.max_queue_bytes = 1000}, [] { return 5; });
  sink.Submit(Link("first"));
  std::size_t one = sink.Pending().size();
  ASSERT_LT(one, 200u);
  sink.Submit(Link("second"));
  while (sink.Pending().size() + one <= 1000) sink.Submit(Link("filler"));
  sink.Submit(Link("refused"));
  EXPECT_EQ(sink.unreported_drops(), 1u);
  EXPECT_EQ(Lines(sink.Pending()).back().ifname, "filler");
  sink.Consume(sink.Pending().size());
  EXPECT_TRUE(sink.Pending().empty());
  sink.Submit(Link("after"));
  std::vector<HistoryEvent> events = Lines(sink.Pending());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].op, "dropped");
  EXPECT_EQ(events[0].count, 1u);
  EXPECT_EQ(events[1].ifname, "after");
  EXPECT_EQ(events[1].seq, events[0].seq + 1);
}

TEST(EventSink, PartialWritesKeepTheRest) {
  EventSink sink({}, [] { return 5; });
  sink.Submit(Link("a"));
  std::string all(sink.Pending());
  sink.Consume(3);
  EXPECT_EQ(sink.Pending(), all.substr(3));
  sink.Submit(Link("b"));
  EXPECT_EQ(Lines(all.substr(0, 3) + std::string(sink.Pending())).size(), 2u);
}

TEST(EventSink, OversizedLineIsDroppedNotQueued) {
  EventSink sink({}, [] { return 5; });
  HistoryEvent e;
  e.kind = kHistoryNmDns;
  e.mode = "default";
  e.detail = std::string(kMaxHistoryEventBytes, 'x');
  sink.Submit(e);
  EXPECT_TRUE(sink.Pending().empty());
  EXPECT_EQ(sink.unreported_drops(), 1u);
}

}  // namespace
}  // namespace bootstorm
