// Folders for unit tests. CTest runs each test in a process of its own and
// several at once, so every test gets folders named after itself.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace bootstorm {

/// <gtest TempDir>/<prefix>-<current test name>, removed if it existed; not
/// created.
inline std::filesystem::path FreshTestTempDir(std::string_view prefix) {
  std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      (std::string(prefix) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  return dir;
}

/// A fixture whose run locks (BOOTSTORM_STATE_DIR) live in a fresh folder of
/// the test's own, so tests never see each other's runs as alive.
class LockDirTest : public testing::Test {
 protected:
  void SetUp() override {
    lock_dir_ = FreshTestTempDir("bootstorm-locks");
    setenv("BOOTSTORM_STATE_DIR", lock_dir_.c_str(), 1);
  }
  void TearDown() override { unsetenv("BOOTSTORM_STATE_DIR"); }
  std::filesystem::path lock_dir_;
};

}  // namespace bootstorm
