#include "files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace bootstorm {
namespace {

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "files_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(lstat(path.c_str(), &st), 0);
    return st.st_mode;
  }

  std::string dir_;
};

TEST_F(FilesTest, ReplacesOnlyWhenContentOrModeDiffers) {
  std::string path = dir_ + "/a.conf";
  EXPECT_TRUE(ReplaceFileIfDifferent(path, "one\n", 0600));
  EXPECT_EQ(ReadFileBounded(path, 100), "one\n");
  EXPECT_EQ(ModeOf(path) & 07777, 0600u);
  EXPECT_FALSE(ReplaceFileIfDifferent(path, "one\n", 0600));
  EXPECT_TRUE(ReplaceFileIfDifferent(path, "one\n", 0644));
  EXPECT_TRUE(ReplaceFileIfDifferent(path, "two\n", 0644));
  EXPECT_EQ(ReadFileBounded(path, 100), "two\n");
  // No temporary files are left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(FilesTest, AReaderNeverSeesAPartlyReplacedFile) {
  // What a probe racing the agent (or reading after a crash) may see: the
  // old file or the new one, never an empty, short or mixed one.
  std::string path = dir_ + "/resolv.conf";
  const std::string big = "# big\n" + std::string(64 * 1024, 'a') + "\n";
  const std::string small = "# small\nnameserver 192.0.2.53\n";
  ASSERT_TRUE(ReplaceFileIfDifferent(path, big, 0644));
  std::atomic<bool> done = false;
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) ReplaceFileIfDifferent(path, i % 2 ? big : small, 0644);
    done = true;
  });
  int torn = 0;
  int reads = 0;
  while (!done) {
    std::optional<std::string> text = ReadFileBounded(path, 1 << 20);
    if (!text || (*text != big && *text != small)) ++torn;
    ++reads;
  }
  writer.join();
  EXPECT_EQ(torn, 0) << "of " << reads << " reads";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(FilesTest, ReplacesASymlinkInsteadOfWritingThroughIt) {
  std::string target = dir_ + "/stub-resolv.conf";
  std::string link = dir_ + "/resolv.conf";
  ASSERT_TRUE(ReplaceFileIfDifferent(target, "nameserver 127.0.0.53\n", 0644));
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  // Same content through the link still counts as different: it is not a file.
  EXPECT_TRUE(ReplaceFileIfDifferent(link, "nameserver 127.0.0.53\n", 0644));
  EXPECT_TRUE(S_ISREG(ModeOf(link)));
  EXPECT_TRUE(ReplaceFileIfDifferent(link, "nameserver 192.0.2.53\n", 0644));
  EXPECT_EQ(ReadFileBounded(target, 100), "nameserver 127.0.0.53\n");
}

TEST_F(FilesTest, ReadIsBoundedAndMissingIsNullopt) {
  std::string path = dir_ + "/big";
  ASSERT_TRUE(ReplaceFileIfDifferent(path, std::string(10000, 'x'), 0644));
  EXPECT_EQ(ReadFileBounded(path, 5000)->size(), 5000u);
  EXPECT_EQ(ReadFileBounded(dir_ + "/missing", 10), std::nullopt);
}

TEST_F(FilesTest, MakeDirectoriesCreatesEveryLevel) {
  MakeDirectories(dir_ + "/a/b/c");
  EXPECT_TRUE(std::filesystem::is_directory(dir_ + "/a/b/c"));
  MakeDirectories(dir_ + "/a/b/c");  // idempotent
}

TEST_F(FilesTest, ReplaceFailsLoudlyInAMissingFolder) {
  EXPECT_THROW(ReplaceFileIfDifferent(dir_ + "/nope/x", "x", 0644), std::system_error);
}

}  // namespace
}  // namespace bootstorm
