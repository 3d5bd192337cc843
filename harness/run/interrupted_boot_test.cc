#include "interrupted_boot.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

class FakeDomain : public UnusedDomain {
 public:
  void Destroy() override { ++destroyed; }
  int destroyed = 0;
};

class RunUntilInterruptedTest : public testing::Test {
 protected:
  // One console file per test: CTest runs tests in parallel processes.
  BootSession session_{
      std::filesystem::path(testing::TempDir()) /
          (std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
           ".console.log"),
      1024};
  FakeDomain domain_;
  const Fault kPowerCut{"power-cut", "", 1500};
  const Fault kShutdown{"shutdown", "bootstorm-final.service"};
  // A start long enough ago that the power cut's deadline has passed.
  const Clock::time_point kLongAgo = Clock::now() - seconds(10);
};

TEST_F(RunUntilInterruptedTest, PowerCutDestroysAtItsTimeAfterTheLinesBefore) {
  session_.OnChannelData("early\nafter-network\n");
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, kPowerCut, kLongAgo, seconds(600), "test:///");
  EXPECT_EQ(run.error, "");
  EXPECT_EQ(run.lines, (std::vector<std::string>{"early", "after-network"}));
  EXPECT_EQ(domain_.destroyed, 1);
  ASSERT_EQ(run.injections.size(), 1u);
  EXPECT_EQ(run.injections[0].kind, "power-cut");
  EXPECT_GE(run.injections[0].at_seconds, 1.5);
  EXPECT_EQ(run.injections[0].what, "hard power cut (domain destroyed) 1500 ms after the start");
}

TEST_F(RunUntilInterruptedTest, PowerCutWaitsPastTheAgentsEnd) {
  session_.OnChannelData("end\n");
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, kPowerCut, kLongAgo, seconds(600), "test:///");
  EXPECT_EQ(run.lines, std::vector<std::string>{"end"});
  EXPECT_EQ(domain_.destroyed, 1);
}

TEST_F(RunUntilInterruptedTest, AGuestStoppingBeforeThePowerCutIsAnError) {
  session_.OnStopped("crashed");
  Fault late{"power-cut", "", 3'600'000};
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, late, Clock::now(), seconds(600), "test:///");
  EXPECT_EQ(run.error, "domain stopped (crashed) before the power cut");
  EXPECT_EQ(domain_.destroyed, 0);
  EXPECT_TRUE(run.injections.empty());
}

TEST_F(RunUntilInterruptedTest, ShutdownEndsWhenTheGuestPowersOff) {
  session_.OnChannelData("early\n");
  session_.OnChannelClosed("end of stream");
  session_.OnStopped("shutdown");
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, kShutdown, Clock::now(), seconds(600), "test:///");
  EXPECT_EQ(run.error, "");
  EXPECT_EQ(run.lines, std::vector<std::string>{"early"});
  EXPECT_EQ(domain_.destroyed, 0);
  ASSERT_EQ(run.injections.size(), 1u);
  EXPECT_EQ(run.injections[0].kind, "shutdown");
  EXPECT_EQ(run.injections[0].what,
            "the guest requested poweroff as bootstorm-final.service started; domain stopped "
            "(shutdown)");
}

TEST_F(RunUntilInterruptedTest, ShutdownThatNeverComesOrCrashesIsAnError) {
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, kShutdown, kLongAgo, seconds(1), "test:///");
  EXPECT_EQ(run.error,
            "the guest did not power off within 1 s (shutdown requested as "
            "bootstorm-final.service starts)");
  EXPECT_EQ(domain_.destroyed, 0);
  session_.OnStopped("crashed");
  run = RunUntilInterrupted(session_, domain_, kShutdown, Clock::now(), seconds(600), "test:///");
  EXPECT_EQ(run.error,
            "domain stopped (crashed) before the shutdown requested as bootstorm-final.service "
            "starts");
}

TEST_F(RunUntilInterruptedTest, CancelLostConnectionAndFloodEndThePart) {
  session_.Cancel();
  InterruptedRun run =
      RunUntilInterrupted(session_, domain_, kPowerCut, Clock::now(), seconds(600), "test:///");
  EXPECT_TRUE(run.cancelled);
  EXPECT_EQ(domain_.destroyed, 0);
  session_.OnConnectionLost("end of file");
  run = RunUntilInterrupted(session_, domain_, kShutdown, Clock::now(), seconds(600), "test:///");
  EXPECT_FALSE(run.cancelled);
  EXPECT_EQ(run.error, ConnectionLostMessage("test:///", "end of file"));
  session_.OnChannelData(std::string(kMaxObservationBytes + 2, 'x') + "\n");
  run = RunUntilInterrupted(session_, domain_, kShutdown, Clock::now(), seconds(600), "test:///");
  EXPECT_EQ(run.error,
            fmt::format("the guest sent a probe line over {} bytes", kMaxObservationBytes));
}

TEST(InterruptedConsoleLogName, KeepsTheAttempt) {
  EXPECT_EQ(InterruptedConsoleLogName("vm-000/boot-1.console.log"),
            "vm-000/boot-1.interrupted.console.log");
  EXPECT_EQ(InterruptedConsoleLogName("vm-003/boot-2.attempt-2.console.log"),
            "vm-003/boot-2.attempt-2.interrupted.console.log");
}

}  // namespace
}  // namespace bootstorm
