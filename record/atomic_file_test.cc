#include "atomic_file.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

namespace bootstorm {
namespace {

std::filesystem::path FreshDir() {
  std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      ("atomic-file-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(WriteFileAtomically, ReplacesTheFileAndLeavesNoTemporaryFile) {
  std::filesystem::path dir = FreshDir();
  WriteFileAtomically(dir / "report.md", "old");
  WriteFileAtomically(dir / "report.md", "new");
  EXPECT_EQ(Text(dir / "report.md"), "new");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  EXPECT_EQ(std::filesystem::status(dir / "report.md").permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::others_read);
}

TEST(WriteFileAtomically, ATemporaryNameInUseDoesNotStopAWriter) {
  // What a concurrent writer of the same file leaves in the way of a fixed name.
  std::filesystem::path dir = FreshDir();
  std::filesystem::create_directories(dir / "report.md.tmp");
  WriteFileAtomically(dir / "report.md", "text");
  EXPECT_EQ(Text(dir / "report.md"), "text");
}

TEST(WriteFileAtomically, ConcurrentWritersAllSucceedAndOneWins) {
  std::filesystem::path dir = FreshDir();
  std::vector<std::string> texts = {std::string(100000, 'a'), std::string(100000, 'b')};
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (const std::string& text : texts) {
    writers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        try {
          WriteFileAtomically(dir / "report.md", text);
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(failures, 0);
  std::string result = Text(dir / "report.md");
  EXPECT_TRUE(result == texts[0] || result == texts[1]);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
}

TEST(WriteFileAtomically, AFailureNamesTheFile) {
  std::filesystem::path file = FreshDir() / "missing-folder" / "results.json";
  try {
    WriteFileAtomically(file, "x");
    FAIL() << "wrote into a missing folder";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace bootstorm
