#include "boot_session.h"

#include <gtest/gtest.h>

#include <fstream>

#include "history.h"
#include "observation.h"

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;

// One file per test: CTest runs tests in parallel processes.
std::filesystem::path ConsolePath() {
  return std::filesystem::path(testing::TempDir()) /
         (std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
          ".console.log");
}

std::optional<BootEvent> Next(BootSession& s) { return s.WaitUntil(Clock::now()); }

TEST(BootSession, ChannelBytesBecomeLinesInOrder) {
  BootSession s(ConsolePath(), 1024);
  s.OnChannelData("one\ntw");
  s.OnChannelData("o\n");
  s.OnStopped("shutdown");
  EXPECT_EQ(Next(s)->text, "one");
  EXPECT_EQ(Next(s)->text, "two");
  auto stopped = Next(s);
  EXPECT_EQ(stopped->kind, BootEvent::Kind::kStopped);
  EXPECT_EQ(stopped->text, "shutdown");
  EXPECT_FALSE(Next(s).has_value());
}

TEST(BootSession, LostConnectionIsAnEventAfterWhatCameBefore) {
  BootSession s(ConsolePath(), 1024);
  s.OnChannelData("one\n");
  s.OnConnectionLost("end of file (the daemon went away)");
  EXPECT_EQ(Next(s)->text, "one");
  auto lost = Next(s);
  ASSERT_TRUE(lost.has_value());
  EXPECT_EQ(lost->kind, BootEvent::Kind::kConnectionLost);
  EXPECT_EQ(lost->text, "end of file (the daemon went away)");
  EXPECT_FALSE(Next(s).has_value());
}

TEST(BootSession, LostConnectionIsDeliveredEvenAfterAFlood) {
  BootSession s(ConsolePath(), 1024);
  std::string line(1024 * 1024, 'l');
  line.back() = '\n';
  for (int i = 0; i < 8; ++i) s.OnChannelData(line);  // past the queued-lines bound
  s.OnConnectionLost("keepalive");
  std::optional<BootEvent> e, last;
  while ((e = Next(s))) last = e;
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->kind, BootEvent::Kind::kConnectionLost);
}

TEST(BootSession, OversizedLineIsReportedNotBuffered) {
  BootSession s(ConsolePath(), 1024);
  std::string chunk(64 * 1024, 'x');
  for (std::size_t sent = 0; sent <= kMaxObservationBytes; sent += chunk.size())
    s.OnChannelData(chunk);
  s.OnChannelData("\n");
  EXPECT_EQ(Next(s)->kind, BootEvent::Kind::kOversizedLine);
}

TEST(BootSession, FloodOfBytesEndsInOneFloodEvent) {
  BootSession s(ConsolePath(), 1024);
  std::string garbage(64 * 1024, 'g');
  garbage.back() = '\n';
  int events = 0;
  bool flood = false;
  // Twice the per-boot bound, consumed as it comes, as the VM's worker does.
  for (std::size_t sent = 0; sent < 2 * kMaxChannelBytesPerBoot; sent += garbage.size()) {
    s.OnChannelData(garbage);
    while (auto e = Next(s)) {
      ++events;
      flood |= e->kind == BootEvent::Kind::kFlood;
    }
  }
  EXPECT_TRUE(flood);
  EXPECT_LE(events, static_cast<int>(kMaxChannelBytesPerBoot / garbage.size()) + 1);
}

TEST(BootSession, UnreadLinesAreBoundedInMemory) {
  BootSession s(ConsolePath(), 1024);
  std::string line(100 * 1024, 'l');
  line.back() = '\n';
  for (int i = 0; i < 100; ++i) s.OnChannelData(line);  // 10 MiB, nobody reading
  int lines = 0;
  std::optional<BootEvent> e;
  while ((e = Next(s)) && e->kind == BootEvent::Kind::kLine) ++lines;
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, BootEvent::Kind::kFlood);
  EXPECT_LE(static_cast<std::size_t>(lines) * line.size(), kMaxQueuedLineBytes);
}

TEST(BootSession, ConsoleIsCappedAndMarked) {
  BootSession s(ConsolePath(), 10);
  s.OnConsoleData("0123456789abcdef");
  s.OnConsoleData("more");
  std::ifstream in(ConsolePath());
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_TRUE(text.starts_with("0123456789\n[bootstorm: console truncated]")) << text;
}

TEST(BootSession, HistoryLinesComeAsTheirOwnKindInterleavedInArrivalOrder) {
  BootSession s(ConsolePath(), 1024);
  s.OnHistoryData("h1\nh");
  s.OnChannelData("p1\n");
  s.OnHistoryData("2\n");
  std::optional<BootEvent> e = Next(s);
  EXPECT_EQ(e->kind, BootEvent::Kind::kHistoryLine);
  EXPECT_EQ(e->text, "h1");
  EXPECT_EQ(Next(s)->kind, BootEvent::Kind::kLine);
  e = Next(s);
  EXPECT_EQ(e->kind, BootEvent::Kind::kHistoryLine);
  EXPECT_EQ(e->text, "h2");
}

TEST(BootSession, AnOversizedHistoryLineNamesItsChannelAndBound) {
  BootSession s(ConsolePath(), 1024);
  s.OnHistoryData(std::string(kMaxHistoryEventBytes + 1, 'x') + "\n");
  std::optional<BootEvent> e = Next(s);
  ASSERT_EQ(e->kind, BootEvent::Kind::kOversizedLine);
  EXPECT_EQ(GuestChannelError(*e), "the guest sent a history line over " +
                                       std::to_string(kMaxHistoryEventBytes) + " bytes");
}

TEST(BootSession, TheHistoryChannelHasABudgetOfItsOwn) {
  BootSession s(ConsolePath(), 1024);
  std::string chunk(1 << 20, 'x');  // no newline: nothing is queued
  for (std::size_t sent = 0; sent <= kMaxHistoryBytesPerBoot; sent += chunk.size())
    s.OnHistoryData(chunk);
  std::optional<BootEvent> e = Next(s);
  ASSERT_EQ(e->kind, BootEvent::Kind::kFlood);
  EXPECT_EQ(GuestChannelError(*e), "the guest flooded the history channel: more than " +
                                       std::to_string(kMaxHistoryBytesPerBoot) + " bytes");
  s.OnChannelData("p1\n");  // the probe's channel still works
  EXPECT_EQ(Next(s)->text, "p1");
}

}  // namespace
}  // namespace bootstorm
