#include "run_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "test_dirs.h"

namespace bootstorm {
namespace {

class RunLockTest : public LockDirTest {};

TEST_F(RunLockTest, AliveWhileHeldDeadAfterwards) {
  EXPECT_FALSE(IsRunAlive("00000001"));
  {
    RunLock lock("00000001");
    EXPECT_TRUE(IsRunAlive("00000001"));
    EXPECT_FALSE(IsRunAlive("00000002"));
  }
  EXPECT_FALSE(IsRunAlive("00000001"));
  EXPECT_FALSE(std::filesystem::exists(lock_dir_ / "r1.lock"));
}

TEST_F(RunLockTest, KilledHolderLeavesAFileButNoLiveLock) {
  pid_t child = fork();
  if (child == 0) {
    new RunLock("0000dead");  // never released: the process dies holding it
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(std::filesystem::exists(lock_dir_ / "0000dead.lock"));
  EXPECT_FALSE(IsRunAlive("0000dead"));
}

TEST_F(RunLockTest, SecondLockOfTheSameRunFails) {
  RunLock lock("00000003");
  EXPECT_THROW(RunLock("00000003"), std::runtime_error);
}

TEST_F(RunLockTest, AnIdThatIsNotARunIdMakesNoLockPath) {
  EXPECT_THROW(RunLock("../../etc/passwd"), std::invalid_argument);
  EXPECT_EQ(ProbeRun("../x").state, RunLiveness::kUnknown);
}

TEST_F(RunLockTest, NoLockFileInAReadableFolderIsDead) {
  std::filesystem::create_directories(lock_dir_);
  EXPECT_EQ(ProbeRun("00000004").state, RunLiveness::kDead);
}

TEST_F(RunLockTest, ALockFolderThatIsAFileOrMissingIsUnknown) {
  RunLiveness missing = ProbeRun("00000005");
  EXPECT_EQ(missing.state, RunLiveness::kUnknown);
  EXPECT_NE(missing.why.find(lock_dir_.string()), std::string::npos) << missing.why;
  std::ofstream(lock_dir_) << "not a folder";
  RunLiveness file = ProbeRun("00000005");
  EXPECT_EQ(file.state, RunLiveness::kUnknown);
  EXPECT_NE(file.why.find("Not a directory"), std::string::npos) << file.why;
}

TEST_F(RunLockTest, ALockThatIsNotARegularFileIsUnknown) {
  std::filesystem::create_directories(lock_dir_ / "00000006.lock");
  EXPECT_EQ(ProbeRun("00000006").state, RunLiveness::kUnknown);
  std::filesystem::create_symlink("/dev/null", lock_dir_ / "00000007.lock");
  RunLiveness link = ProbeRun("00000007");
  EXPECT_EQ(link.state, RunLiveness::kUnknown);
  EXPECT_NE(link.why.find("00000007.lock"), std::string::npos) << link.why;
}

TEST_F(RunLockTest, AnUnreadableLockIsUnknown) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  std::filesystem::create_directories(lock_dir_);
  std::ofstream(lock_dir_ / "00000008.lock") << "1\n";
  std::filesystem::permissions(lock_dir_ / "00000008.lock", std::filesystem::perms::none);
  EXPECT_EQ(ProbeRun("00000008").state, RunLiveness::kUnknown);
}

}  // namespace
}  // namespace bootstorm
