#include "rerun_commands.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(RerunCommands, PlainPathsStayAsTheyAre) {
  EXPECT_EQ(ReplayCommandLine("out/legacy", 3, 2), "bootstorm replay out/legacy --vm 3 --boot 2");
  EXPECT_EQ(ShrinkCommandLine("out/legacy", 3), "bootstorm shrink out/legacy --vm 3");
}

TEST(RerunCommands, OtherPathsAreQuotedForTheShell) {
  EXPECT_EQ(ReplayCommandLine("my runs/it's", 0, 1),
            "bootstorm replay 'my runs/it'\\''s' --vm 0 --boot 1");
  EXPECT_EQ(ShellWord("$(rm -rf /)"), "'$(rm -rf /)'");
  EXPECT_EQ(ShellWord(""), "''");
}

}  // namespace
}  // namespace bootstorm
