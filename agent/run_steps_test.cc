#include "run_steps.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

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

}  // namespace
}  // namespace bootstorm
