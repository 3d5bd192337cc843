#include "process_info.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace bootstorm {
namespace {

TEST(UnitOfCgroup, LastComponentOfTheUnifiedLine) {
  EXPECT_EQ(UnitOfCgroup("0::/system.slice/NetworkManager.service\n"), "NetworkManager.service");
  EXPECT_EQ(UnitOfCgroup("0::/user.slice/user-0.slice/session-1.scope\n"), "session-1.scope");
  // cgroup v1 lines come first on hybrid systems; only the unified one counts.
  EXPECT_EQ(UnitOfCgroup("1:name=systemd:/system.slice/x.service\n0::/init.scope"), "init.scope");
}

TEST(UnitOfCgroup, NoUnit) {
  EXPECT_EQ(UnitOfCgroup("0::/\n"), "");
  EXPECT_EQ(UnitOfCgroup("0::/system.slice\n"), "");
  EXPECT_EQ(UnitOfCgroup("0::/system.slice/foo.service/payload\n"), "");
  EXPECT_EQ(UnitOfCgroup("1:name=systemd:/system.slice/x.service\n"), "");
  EXPECT_EQ(UnitOfCgroup(""), "");
}

TEST(WriterOf, ThisProcess) {
  HistoryWriter w = WriterOf(getpid());
  EXPECT_EQ(w.pid, getpid());
  EXPECT_FALSE(w.comm.empty());
  EXPECT_FALSE(w.comm.ends_with("\n"));
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe);
  ASSERT_GT(n, 0);
  EXPECT_EQ(w.exe, std::string(exe, static_cast<std::size_t>(n)));
}

TEST(WriterOf, GoneProcessLeavesNamesEmpty) {
  HistoryWriter w = WriterOf(12345, "/nonexistent-proc");
  EXPECT_EQ(w.pid, 12345);
  EXPECT_EQ(w.comm, "");
  EXPECT_EQ(w.exe, "");
  EXPECT_EQ(w.unit, "");
}

}  // namespace
}  // namespace bootstorm
