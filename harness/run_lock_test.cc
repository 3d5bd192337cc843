#include "run_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_dirs.h"

namespace bootstorm {
namespace {

class RunLockTest : public LockDirTest {};

TEST_F(RunLockTest, AliveWhileHeldDeadAfterwards) {
  EXPECT_FALSE(IsRunAlive("r1"));
  {
    RunLock lock("r1");
    EXPECT_TRUE(IsRunAlive("r1"));
    EXPECT_FALSE(IsRunAlive("r2"));
  }
  EXPECT_FALSE(IsRunAlive("r1"));
  EXPECT_FALSE(std::filesystem::exists(lock_dir_ / "r1.lock"));
}

TEST_F(RunLockTest, KilledHolderLeavesAFileButNoLiveLock) {
  pid_t child = fork();
  if (child == 0) {
    new RunLock("killed");  // never released: the process dies holding it
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(std::filesystem::exists(lock_dir_ / "killed.lock"));
  EXPECT_FALSE(IsRunAlive("killed"));
}

TEST_F(RunLockTest, SecondLockOfTheSameRunFails) {
  RunLock lock("r3");
  EXPECT_THROW(RunLock("r3"), std::runtime_error);
}

}  // namespace
}  // namespace bootstorm
