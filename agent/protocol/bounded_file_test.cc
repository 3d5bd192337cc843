#include "bounded_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

class ReadFileBoundedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "bounded-file-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  // The message of the FileReadError that reading `path` throws.
  static std::string ErrorOf(const fs::path& path, std::size_t max, ReadFileOptions o = {}) {
    try {
      ReadFileBounded(path, max, o);
    } catch (const FileReadError& e) {
      return e.what();
    }
    return "<no error>";
  }
  fs::path dir_;
};

TEST_F(ReadFileBoundedTest, ReadsARegularFileUpToItsCap) {
  EXPECT_EQ(ReadFileBounded(Write("a", "hello"), 5), "hello");
  EXPECT_EQ(ReadFileBounded(Write("empty", ""), 0), "");
}

TEST_F(ReadFileBoundedTest, RejectsAFileOverTheCapNamingIt) {
  fs::path p = Write("big", std::string(11, 'x'));
  EXPECT_EQ(ErrorOf(p, 10), p.string() + ": larger than the 10-byte limit");
}

TEST_F(ReadFileBoundedTest, RejectsDevZeroWithoutGrowing) {
  // /dev/zero never ends; a reader without a type check would fill memory.
  EXPECT_EQ(ErrorOf("/dev/zero", 1 << 20), "/dev/zero: is a device, not a file");
}

TEST_F(ReadFileBoundedTest, RejectsAFifoAtOnce) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Without O_NONBLOCK the open waits for a writer that never comes.
  EXPECT_EQ(ErrorOf(fifo, 100), fifo.string() + ": is a fifo, not a file");
}

TEST_F(ReadFileBoundedTest, RejectsAFolderAndAMissingFile) {
  EXPECT_EQ(ErrorOf(dir_, 100), dir_.string() + ": is a folder, not a file");
  EXPECT_EQ(ErrorOf(dir_ / "none", 100),
            (dir_ / "none").string() + ": cannot read: No such file or directory");
}

TEST_F(ReadFileBoundedTest, RefusesASymlinkOnlyWhenAsked) {
  fs::path target = Write("target", "x");
  fs::create_symlink(target, dir_ / "link");
  EXPECT_EQ(ReadFileBounded(dir_ / "link", 10), "x");
  EXPECT_EQ(ErrorOf(dir_ / "link", 10, {.no_follow = true}),
            (dir_ / "link").string() + ": is a symbolic link");
}

}  // namespace
}  // namespace bootstorm
