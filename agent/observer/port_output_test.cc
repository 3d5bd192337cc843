#include "port_output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace bootstorm {
namespace {

HistoryEvent Link(int i) {
  HistoryEvent e;
  e.kind = kHistoryLink;
  e.ifname = "eth" + std::to_string(i);
  e.operstate = "up";
  return e;
}

// A full pipe stands in for a port whose host reads slowly: the loop waits
// for EPOLLOUT, nothing is lost, nothing blocks.
TEST(PortOutput, WaitsForAReaderWithoutBlockingOrLosing) {
  sd_event* loop = nullptr;
  ASSERT_GE(sd_event_new(&loop), 0);
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  ASSERT_GT(fcntl(fds[1], F_SETPIPE_SZ, 4096), 0);
  EventSink sink;
  {
    PortOutput output(loop, sink);
    output.Open(fds[1], true);
    constexpr int kEvents = 300;  // some 30 KiB: several pipe-fulls
    for (int i = 0; i < kEvents; ++i) sink.Submit(Link(i));
    std::string received;
    char buffer[1024];
    for (int round = 0; round < 10000 && !sink.Pending().empty(); ++round) {
      ASSERT_GE(sd_event_run(loop, 0), 0);
      ssize_t n = read(fds[0], buffer, sizeof buffer);  // never blocks: O_NONBLOCK
      if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
    }
    EXPECT_TRUE(sink.Pending().empty());
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
      received.append(buffer, static_cast<std::size_t>(n));
    std::size_t start = 0;
    int seq = 0;
    for (std::size_t end; (end = received.find('\n', start)) != std::string::npos;
         start = end + 1) {
      HistoryEvent e = ParseHistoryEvent(std::string_view(received).substr(start, end - start));
      EXPECT_EQ(e.seq, static_cast<std::uint64_t>(++seq));
      EXPECT_EQ(e.ifname, "eth" + std::to_string(seq - 1));
    }
    EXPECT_EQ(seq, kEvents);
    EXPECT_EQ(start, received.size());
    EXPECT_EQ(sink.unreported_drops(), 0u);
  }
  close(fds[0]);
  sd_event_unref(loop);
}

}  // namespace
}  // namespace bootstorm
