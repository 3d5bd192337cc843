#include "image_dir.h"

#include <gtest/gtest.h>

#include <fstream>

#include "exit_code.h"

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

/// A fresh folder for one test under the system's temporary folder.
fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("bootstorm-image-dir-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void MakeImage(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "base.qcow2") << "x";
}

TEST(FindImageDir, FlagThenEnvironmentAsGiven) {
  EXPECT_EQ(FindImageDir(fs::path("/given"), "/env", "/installed", "/b/bootstorm"), "/given");
  EXPECT_EQ(FindImageDir(std::nullopt, "/env", "/installed", "/b/bootstorm"), "/env");
}

TEST(FindImageDir, InstalledBeforeTheBuildTree) {
  fs::path root = TempDir("order");
  MakeImage(root / "installed");
  MakeImage(root / "build" / "image");
  EXPECT_EQ(FindImageDir(std::nullopt, "", root / "installed", root / "build" / "bootstorm"),
            root / "installed");
  EXPECT_EQ(FindImageDir(std::nullopt, nullptr, root / "none", root / "build" / "bootstorm"),
            root / "build" / "image");
}

TEST(FindImageDir, NoImageNamesEveryPlaceLookedAt) {
  fs::path root = TempDir("none");
  try {
    FindImageDir(std::nullopt, nullptr, root / "installed", root / "build" / "bootstorm");
    FAIL() << "no exception";
  } catch (const BadInput& e) {
    std::string what = e.what();
    EXPECT_NE(what.find((root / "installed").string()), std::string::npos) << what;
    EXPECT_NE(what.find((root / "build" / "image").string()), std::string::npos) << what;
    EXPECT_NE(what.find("--image"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace bootstorm
