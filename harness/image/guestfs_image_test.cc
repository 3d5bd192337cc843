#include "guestfs_image.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bootstorm {
namespace {

// The import's watchdog (image_import_command.cc) relies on this to end a
// libguestfs appliance: a child that would run for ten minutes.
TEST(KillApplianceProcesses, KillsEveryChildOfThisProcess) {
  pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    execlp("sleep", "sleep", "600", static_cast<char*>(nullptr));
    _exit(127);
  }
  EXPECT_GE(KillApplianceProcesses(), 1);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_EQ(KillApplianceProcesses(), 0) << "no child left";
}

}  // namespace
}  // namespace bootstorm
