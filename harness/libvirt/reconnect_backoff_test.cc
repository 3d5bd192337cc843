#include "reconnect_backoff.h"

#include <gtest/gtest.h>

#include <vector>

namespace bootstorm {
namespace {

using std::chrono::milliseconds;

TEST(ReconnectBackoff, DoublesUpToTheCap) {
  ReconnectBackoff backoff(milliseconds(250), milliseconds(5000), milliseconds(60000));
  std::vector<long> delays;
  milliseconds elapsed(0);
  for (int i = 0; i < 8; ++i) {
    milliseconds d = *backoff.Next(elapsed);
    delays.push_back(d.count());
    elapsed += d;
  }
  EXPECT_EQ(delays, (std::vector<long>{250, 500, 1000, 2000, 4000, 5000, 5000, 5000}));
}

TEST(ReconnectBackoff, WaitsNoLongerThanTheBoundInTotal) {
  ReconnectBackoff backoff;
  milliseconds elapsed(0);
  int attempts = 1;  // the first attempt comes without a wait
  while (auto d = backoff.Next(elapsed)) {
    elapsed += *d;
    ++attempts;
  }
  EXPECT_EQ(elapsed, milliseconds(kReconnectBound));  // the last attempt falls on the bound
  EXPECT_GT(attempts, 10);
  EXPECT_LT(attempts, 20);
}

TEST(ReconnectBackoff, CountsTimeSpentConnecting) {
  ReconnectBackoff backoff(milliseconds(250), milliseconds(5000), milliseconds(10000));
  // An attempt that itself took 9.9 s leaves 100 ms of the bound.
  EXPECT_EQ(backoff.Next(milliseconds(9900)), milliseconds(100));
}

TEST(ReconnectBackoff, GivesUpOnceTheBoundIsSpent) {
  ReconnectBackoff backoff(milliseconds(250), milliseconds(5000), milliseconds(10000));
  EXPECT_FALSE(backoff.Next(milliseconds(10000)).has_value());
  EXPECT_FALSE(backoff.Next(milliseconds(60000)).has_value());
}

}  // namespace
}  // namespace bootstorm
