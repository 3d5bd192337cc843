#include "run_steps.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "files.h"

namespace bootstorm {
namespace {

using std::chrono::seconds;

class RunLoggedStepsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / "run_steps_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(dir_.data()), nullptr);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(RunLoggedStepsTest, AFailedStepThatMustSucceedFailsTheStageButLaterStepsStillRun) {
  AgentLog log(dir_ + "/agent.log", "test");
  EXPECT_FALSE(RunLoggedSteps({{{"false"}, seconds(10)}, {{"true"}, seconds(10)}}, log));
  std::vector<std::string> tail = log.Tail(10);
  ASSERT_FALSE(tail.empty());
  EXPECT_NE(tail.back().find("true: exit 0"), std::string::npos) << tail.back();
}

TEST_F(RunLoggedStepsTest, AFailedStateLogIsLoggedButDoesNotFail) {
  AgentLog log(dir_ + "/agent.log", "test");
  EXPECT_TRUE(RunLoggedSteps({{{"false"}, seconds(10), false}, {{"true"}, seconds(10)}}, log));
  bool logged = false;
  for (const std::string& line : log.Tail(10))
    logged |= line.find("false: exit 1") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(RunLoggedStepsTest, HooksRunBeforeEachStepAndBeforeEachRetry) {
  AgentLog log(dir_ + "/agent.log", "test");
  std::string marker = dir_ + "/marker";
  // Fails until the retry hook created the marker.
  CommandStep needs_marker{{"test", "-e", marker}, seconds(10), true, 2};
  std::vector<std::string> calls;
  StepHooks hooks{[&](std::size_t i) { calls.push_back("before " + std::to_string(i)); },
                  [&](const CommandStep& step) {
                    calls.push_back("retry " + step.argv[0]);
                    AppendLine(marker, "");
                  }};
  EXPECT_TRUE(RunLoggedSteps({{{"true"}, seconds(10)}, needs_marker}, log, hooks));
  EXPECT_EQ(calls, (std::vector<std::string>{"before 0", "before 1", "retry test"}));
}

TEST_F(RunLoggedStepsTest, RetriesAreBounded) {
  AgentLog log(dir_ + "/agent.log", "test");
  int retries = 0;
  StepHooks hooks{{}, [&](const CommandStep&) { ++retries; }};
  EXPECT_FALSE(RunLoggedSteps({{{"false"}, seconds(10), true, 2}}, log, hooks));
  EXPECT_EQ(retries, 2);
}

}  // namespace
}  // namespace bootstorm
