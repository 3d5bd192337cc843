#include "line_assembler.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(LineAssembler, JoinsChunksIntoLines) {
  LineAssembler a(100);
  EXPECT_TRUE(a.Feed("hel").lines.empty());
  auto out = a.Feed("lo\nwor");
  EXPECT_EQ(out.lines, std::vector<std::string>{"hello"});
  out = a.Feed("ld\n\nx\n");
  EXPECT_EQ(out.lines, (std::vector<std::string>{"world", "", "x"}));
  EXPECT_EQ(a.pending(), 0u);
}

TEST(LineAssembler, DropsOversizedLineAndRecovers) {
  LineAssembler a(8);
  auto out = a.Feed("12345");
  out = a.Feed("67890");  // over the bound: dropped, nothing held
  EXPECT_EQ(a.pending(), 0u);
  EXPECT_TRUE(out.lines.empty());
  for (int i = 0; i < 1000; ++i) a.Feed("garbagegarbage");
  EXPECT_EQ(a.pending(), 0u);
  out = a.Feed("tail\nok\n");
  EXPECT_EQ(out.oversized, 1u);
  EXPECT_EQ(out.lines, std::vector<std::string>{"ok"});
}

TEST(LineAssembler, LineOfExactlyTheBoundIsKept) {
  LineAssembler a(4);
  EXPECT_EQ(a.Feed("abcd\n").lines, std::vector<std::string>{"abcd"});
}

}  // namespace
}  // namespace bootstorm
