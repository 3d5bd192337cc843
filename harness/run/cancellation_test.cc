#include "cancellation.h"

#include <gtest/gtest.h>

#include <atomic>

namespace bootstorm {
namespace {

TEST(Cancellation, WakesSubscribersOnceAndKeepsTheFirstReason) {
  Cancellation c;
  int woken = 0;
  int id = c.Subscribe([&] { ++woken; });
  c.Cancel("SIGINT");
  c.Cancel("SIGTERM");
  EXPECT_TRUE(c.cancelled());
  EXPECT_EQ(c.reason(), "SIGINT");
  EXPECT_EQ(woken, 1);
  c.Unsubscribe(id);
}

TEST(Cancellation, LateSubscriberIsWokenAtOnce) {
  Cancellation c;
  c.Cancel("x");
  bool woken = false;
  c.Unsubscribe(c.Subscribe([&] { woken = true; }));
  EXPECT_TRUE(woken);
}

TEST(CancelAfter, CancelsWhenTheLimitPasses) {
  Cancellation c;
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  int id = c.Subscribe([&] {
    std::lock_guard lock(mu);
    woken = true;
    cv.notify_one();
  });
  CancelAfter limit(c, std::chrono::seconds(0));
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return woken; });  // synchronised on the wake-up, not on time
  EXPECT_EQ(c.reason(), "run timeout of 0 s");
  lock.unlock();
  c.Unsubscribe(id);
}

TEST(CancelAfter, DestroyedBeforeTheLimitCancelsNothing) {
  Cancellation c;
  { CancelAfter limit(c, std::chrono::hours(1)); }
  EXPECT_FALSE(c.cancelled());
}

}  // namespace
}  // namespace bootstorm
