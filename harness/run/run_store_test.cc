#include "run_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <fstream>

#include "boots_log.h"
#include "test_dirs.h"

namespace bootstorm {
namespace {

BootRecord Boot(int boot) {
  BootRecord b;
  b.boot = boot;
  b.plan.run_id = "00c0ffee";
  b.plan.boot = boot;
  return b;
}

std::string Text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Lets files of this process grow by at most `bytes` more than `file` has,
/// and makes writes past it fail with EFBIG instead of killing the process
/// (SIGXFSZ): a disk that fills up. Restores both when it goes.
class FileSizeLimit {
 public:
  FileSizeLimit(const std::filesystem::path& file, rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &old_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit = old_;
    limit.rlim_cur = std::filesystem::file_size(file) + bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_{};
  sighandler_t old_handler_;
};

TEST(RunStore, AFreshRunRefusesAFolderThatHoldsARunAndKeepsIt) {
  std::filesystem::path dir = FreshTestTempDir("bootstorm-store");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "boots.jsonl") << "recorded\n";
  Cancellation c;
  try {
    RunStore store(dir, false, 0, c);
    FAIL() << "accepted a folder holding a run";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("`bootstorm run --resume " + dir.string() + "`"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(Text(dir / "boots.jsonl"), "recorded\n");
}

TEST(RunStore, AResumedRunAppendsToTheRecords) {
  std::filesystem::path dir = FreshTestTempDir("bootstorm-store");
  Cancellation c;
  { RunStore(dir, false, 0, c).AppendBoot(0, Boot(1)); }
  { RunStore(dir, true, 10, c).AppendBoot(0, Boot(2)); }
  BootsLog log = ReadBootsLog(dir / "boots.jsonl");
  ASSERT_EQ(log.boots.size(), 2u);
  EXPECT_EQ(log.boots[1].boot.boot, 2);
}

TEST(RunStore, AFailedWriteStopsTheRunAndKeepsWhatWasRecorded) {
  std::filesystem::path dir = FreshTestTempDir("bootstorm-store");
  Cancellation c;
  RunStore store(dir, false, 0, c);
  store.AppendBoot(0, Boot(1));
  std::string recorded = Text(dir / "boots.jsonl");
  {
    FileSizeLimit full(dir / "boots.jsonl", 10);
    store.AppendBoot(0, Boot(2));
  }
  EXPECT_NE(store.write_error().find((dir / "boots.jsonl").string() +
                                     ": writing the record of vm 0 boot 2 failed: "),
            std::string::npos)
      << store.write_error();
  EXPECT_TRUE(c.cancelled());
  EXPECT_EQ(c.reason(), store.write_error());
  EXPECT_EQ(Text(dir / "boots.jsonl"), recorded);  // no torn line
  store.AppendBoot(1, Boot(1));                    // the disk has room again, but the run stopped
  EXPECT_EQ(Text(dir / "boots.jsonl"), recorded);
}

}  // namespace
}  // namespace bootstorm
