#include "console_excerpt.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace bootstorm {
namespace {

class ConsoleExcerptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "vm-000");
  }
  void Write(const std::string& relative, const std::string& text) {
    std::ofstream(dir_ / relative, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(ConsoleExcerptTest, ShortLogIsShownWholeWithoutTerminalControls) {
  Write("vm-000/boot-1.console.log", "[\x1B[0;32m  OK  \x1B[0m] Started dbus.\r\r\nlogin: \r\n");
  ConsoleExcerpt e = ReadConsoleExcerpt(dir_, "vm-000/boot-1.console.log");
  EXPECT_EQ(e.error, "");
  EXPECT_FALSE(e.truncated);
  EXPECT_EQ(e.lines, (std::vector<std::string>{"[  OK  ] Started dbus.", "login: "}));
}

TEST_F(ConsoleExcerptTest, KeepsTheLastLinesWithinTheByteBound) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "line " + std::to_string(i) + "\n";
  Write("vm-000/boot-1.console.log", text);
  ConsoleExcerpt by_lines = ReadConsoleExcerpt(dir_, "vm-000/boot-1.console.log", 3, 1 << 20);
  EXPECT_TRUE(by_lines.truncated);
  EXPECT_EQ(by_lines.lines, (std::vector<std::string>{"line 997", "line 998", "line 999"}));
  // The last 24 bytes hold "e 997\nline 998\nline 999\n": the cut line is dropped.
  ConsoleExcerpt by_bytes = ReadConsoleExcerpt(dir_, "vm-000/boot-1.console.log", 60, 24);
  EXPECT_TRUE(by_bytes.truncated);
  EXPECT_EQ(by_bytes.lines, (std::vector<std::string>{"line 998", "line 999"}));
}

TEST_F(ConsoleExcerptTest, ReadsNothingOutsideTheRunDirectory) {
  Write("secret", "do not show\n");
  EXPECT_EQ(ReadConsoleExcerpt(dir_ / "vm-000", "../secret").error,
            "not read: the path leaves the run directory");
  EXPECT_EQ(ReadConsoleExcerpt(dir_, (dir_ / "secret").string()).error,
            "not read: the path leaves the run directory");
  EXPECT_EQ(ReadConsoleExcerpt(dir_, "vm-000/none.log").error, "missing or unreadable");
  EXPECT_EQ(ReadConsoleExcerpt(dir_, "").error, "no console log was recorded");
}

TEST_F(ConsoleExcerptTest, ASymlinkInsideTheRunFolderIsNotFollowed) {
  std::filesystem::path secret = dir_.string() + "-secret";
  std::ofstream(secret) << "root:$6$hash:19000::::::\n";
  std::filesystem::create_symlink(secret, dir_ / "vm-000" / "boot-1.console.log");
  ConsoleExcerpt e = ReadConsoleExcerpt(dir_, "vm-000/boot-1.console.log");
  EXPECT_EQ(e.error, "not read: a symbolic link");
  EXPECT_TRUE(e.lines.empty());
  // A folder on the way that is a symlink leads out just the same.
  std::filesystem::create_directories(dir_.string() + "-elsewhere");
  std::ofstream(dir_.string() + "-elsewhere/boot-1.console.log") << "secret\n";
  std::filesystem::create_directory_symlink(dir_.string() + "-elsewhere", dir_ / "vm-001");
  e = ReadConsoleExcerpt(dir_, "vm-001/boot-1.console.log");
  EXPECT_EQ(e.error, "not read: not a plain folder");
  EXPECT_TRUE(e.lines.empty());
}

TEST_F(ConsoleExcerptTest, AFifoIsNotReadAndDoesNotBlock) {
  ASSERT_EQ(mkfifo((dir_ / "vm-000" / "boot-1.console.log").c_str(), 0600), 0);
  EXPECT_EQ(ReadConsoleExcerpt(dir_, "vm-000/boot-1.console.log").error,
            "not read: not a regular file");
}

TEST(ConsoleLineSeconds, ReadsKernelStampsOnly) {
  EXPECT_EQ(ConsoleLineSeconds("[   28.460060] systemd-shutdown[1]: Syncing"), 28.46006);
  EXPECT_EQ(ConsoleLineSeconds("[0.5] x"), 0.5);
  EXPECT_EQ(ConsoleLineSeconds("[  OK  ] Started"), std::nullopt);
  EXPECT_EQ(ConsoleLineSeconds("[ 12 ] no fraction"), std::nullopt);
  EXPECT_EQ(ConsoleLineSeconds("[1.5x] junk"), std::nullopt);
  EXPECT_EQ(ConsoleLineSeconds("no stamp"), std::nullopt);
  EXPECT_EQ(ConsoleLineSeconds("[ 1.5"), std::nullopt);
}

TEST(LinesAround, CentresOnTheFirstLineAtOrAfterTheTime) {
  std::vector<std::string> lines = {"[    1.000000] a", "unstamped",        "[    2.000000] b",
                                    "[    3.000000] c", "[    4.000000] d", "[    5.000000] e"};
  std::optional<LineRange> r = LinesAround(lines, 2.5, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 2u);  // centred on "c"
  EXPECT_EQ(r->last, 5u);
  r = LinesAround(lines, 99, 2);  // after every stamp: the last stamped line
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 3u);
  EXPECT_EQ(r->last, 6u);
  r = LinesAround(lines, 0, 5);  // clipped at the start
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 0u);
  EXPECT_EQ(LinesAround({"no", "stamps"}, 1, 3), std::nullopt);
}

}  // namespace
}  // namespace bootstorm
