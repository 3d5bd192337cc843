#include "process.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>

#include "exit_status.h"

namespace bootstorm {
namespace {

using std::chrono::milliseconds;

TEST(Process, CapturesOutputAndExitCode) {
  ProcessResult r = RunProcess({"sh", "-c", "echo out; echo err >&2; exit 3"}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(Process, KillsOnTimeoutAndReapsTheChild) {
  ProcessResult r = RunProcess({"sleep", "30"}, milliseconds(200));
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, KilledBySignal(SIGKILL));
  // No zombie left: this process has no child any more.
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

// The contract of agent/base/command.h too: not the bare signal number, which
// reads as an exit code.
TEST(Process, AProgramKilledBySignalNReports128PlusN) {
  ProcessResult r = RunProcess({"sh", "-c", "kill -TERM $$"}, milliseconds(10000));
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + SIGTERM);
}

TEST(Process, RunsProgramGivenByPath) {
  EXPECT_EQ(RunProcess({"/bin/sh", "-c", "exit 4"}, milliseconds(10000)).exit_code, 4);
}

TEST(Process, MissingProgramThrows) {
  EXPECT_THROW(RunProcess({"no-such-program-bootstorm"}, milliseconds(1000)), std::runtime_error);
}

TEST(Process, OrThrowReportsStderr) {
  try {
    RunProcessOrThrow({"sh", "-c", "echo broken >&2; exit 1"}, milliseconds(10000));
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken"), std::string::npos);
  }
}

}  // namespace
}  // namespace bootstorm
