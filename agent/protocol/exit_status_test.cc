#include "exit_status.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bootstorm {
namespace {

// waitpid's status of a child that runs `body`.
int WaitStatusOf(void (*body)()) {
  pid_t pid = fork();
  if (pid == 0) {
    body();
    _exit(0);
  }
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  return status;
}

TEST(ExitStatus, ExitCodeOfAProgramThatExited) {
  EXPECT_EQ(ExitStatusOf(WaitStatusOf([] { _exit(0); })), 0);
  EXPECT_EQ(ExitStatusOf(WaitStatusOf([] { _exit(3); })), 3);
  EXPECT_EQ(ExitStatusOf(WaitStatusOf([] { _exit(255); })), 255);
}

TEST(ExitStatus, ASignalKillIs128PlusItsNumber) {
  EXPECT_EQ(ExitStatusOf(WaitStatusOf([] { kill(getpid(), SIGKILL); })), 128 + SIGKILL);
  EXPECT_EQ(ExitStatusOf(WaitStatusOf([] {
              signal(SIGTERM, SIG_DFL);
              kill(getpid(), SIGTERM);
              pause();
            })),
            KilledBySignal(SIGTERM));
}

}  // namespace
}  // namespace bootstorm
