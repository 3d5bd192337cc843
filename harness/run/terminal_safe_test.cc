#include "terminal_safe.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(TerminalSafe, KeepsPrintableTextAndUtf8) {
  EXPECT_EQ(TerminalSafe("vm 0 boot 1: pass (12.5 s) é →"), "vm 0 boot 1: pass (12.5 s) é →");
}

TEST(TerminalSafe, EscapesControlCharacters) {
  EXPECT_EQ(TerminalSafe("a\x1b]0;owned\x07z"), "a\\x1b]0;owned\\x07z");
  EXPECT_EQ(TerminalSafe("line\nnext\r\x7f"), "line\\x0anext\\x0d\\x7f");
  EXPECT_EQ(TerminalSafe(std::string_view("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(TerminalSafe("csi \xc2\x9b"
                         "2J"),
            "csi \\xc2\\x9b2J");
  EXPECT_EQ(TerminalSafe("cut \xc2"), "cut \xc2");
}

}  // namespace
}  // namespace bootstorm
