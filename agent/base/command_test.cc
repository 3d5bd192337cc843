#include "command.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

using std::chrono::milliseconds;

TEST(RunCommand, CapturesStdoutStderrAndExitCode) {
  CommandResult r = RunCommand({"sh", "-c", "echo out; echo err >&2; exit 3"}, milliseconds(5000));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.output, "out\nerr\n");
}

TEST(RunCommand, KillsAProgramThatOutlivesItsTimeout) {
  CommandResult r = RunCommand({"sleep", "10"}, milliseconds(200));
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + 9);
  EXPECT_LT(r.duration, milliseconds(5000));
}

TEST(RunCommand, TimeoutAlsoCoversAChildThatClosedItsOutput) {
  CommandResult r = RunCommand({"sh", "-c", "exec >&- 2>&-; sleep 10"}, milliseconds(200));
  EXPECT_TRUE(r.timed_out);
}

TEST(RunCommand, BoundsOutput) {
  CommandResult r = RunCommand({"sh", "-c", "head -c 100000 /dev/zero"}, milliseconds(5000), 1000);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.output.size(), 1000u);
}

TEST(RunCommand, MissingProgramIsAFailureNotAThrow) {
  CommandResult r = RunCommand({"/nonexistent/program"}, milliseconds(1000));
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_FALSE(r.ok());
}

TEST(CommandLine, JoinsWithSpaces) {
  EXPECT_EQ(CommandLine({"nmcli", "connection", "up"}), "nmcli connection up");
}

}  // namespace
}  // namespace bootstorm
