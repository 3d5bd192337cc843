#include "root_mount.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(RootMountFromCmdline, ReadsTheHarnessCommandLine) {
  RootMount root = RootMountFromCmdline(
      "root=/dev/vda rw console=ttyS0 panic=-1 mitigations=off bootstorm.plan=abc\n");
  EXPECT_EQ(root.device, "/dev/vda");
  EXPECT_FALSE(root.read_only);
}

TEST(RootMountFromCmdline, LastOfRoAndRwWinsAndReadOnlyByDefault) {
  EXPECT_TRUE(RootMountFromCmdline("root=/dev/vda").read_only);
  EXPECT_TRUE(RootMountFromCmdline("rw root=/dev/vda ro").read_only);
  EXPECT_FALSE(RootMountFromCmdline("ro  root=/dev/vda\trw").read_only);
}

TEST(RootMountFromCmdline, OnlyDevicePaths) {
  EXPECT_EQ(RootMountFromCmdline("console=ttyS0").device, "");
  EXPECT_EQ(RootMountFromCmdline("root=LABEL=root").device, "");
  EXPECT_EQ(RootMountFromCmdline("root=UUID=1234 root=/dev/vdb").device, "/dev/vdb");
  EXPECT_EQ(RootMountFromCmdline("myroot=/dev/vda").device, "");
  EXPECT_EQ(RootMountFromCmdline("").device, "");
}

}  // namespace
}  // namespace bootstorm
