#include "virtio_port.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

class VirtioPortTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) / ("virtio-port-" + std::to_string(getpid()));
    fs::remove_all(root_);
    dirs_ = {(root_ / "links").string(), (root_ / "sys").string(), (root_ / "dev").string()};
    fs::create_directories(dirs_.links);
    fs::create_directories(dirs_.sysfs);
    fs::create_directories(dirs_.dev);
  }
  void TearDown() override { fs::remove_all(root_); }

  void AddPort(const std::string& node, const std::string& name, bool with_node = true) {
    fs::create_directories(fs::path(dirs_.sysfs) / node);
    std::ofstream(fs::path(dirs_.sysfs) / node / "name") << name << "\n";
    if (with_node) std::ofstream(fs::path(dirs_.dev) / node) << "";
  }

  fs::path root_;
  VirtioPortDirs dirs_;
};

TEST_F(VirtioPortTest, FindsTheKernelsNodeByNameBeforeUdevLinksIt) {
  AddPort("vport1p1", "org.qemu.guest_agent.0");
  AddPort("vport2p1", "org.bootstorm.probe.0");
  EXPECT_EQ(FindVirtioPort("org.bootstorm.probe.0", dirs_), dirs_.dev + "/vport2p1");
}

TEST_F(VirtioPortTest, PrefersUdevsLink) {
  AddPort("vport2p1", "org.bootstorm.probe.0");
  std::ofstream(fs::path(dirs_.links) / "org.bootstorm.probe.0") << "";
  EXPECT_EQ(FindVirtioPort("org.bootstorm.probe.0", dirs_), dirs_.links + "/org.bootstorm.probe.0");
}

TEST_F(VirtioPortTest, NothingWhenNoPortHasTheNameOrItsNodeIsMissing) {
  AddPort("vport1p1", "org.bootstorm.probe.01");
  AddPort("vport2p1", "org.bootstorm.probe.0", /*with_node=*/false);
  EXPECT_EQ(FindVirtioPort("org.bootstorm.probe.0", dirs_), std::nullopt);
  EXPECT_EQ(WaitForVirtioPort("org.bootstorm.probe.0", std::chrono::milliseconds(50), dirs_),
            std::nullopt);
  fs::remove_all(dirs_.sysfs);
  EXPECT_EQ(FindVirtioPort("org.bootstorm.probe.0", dirs_), std::nullopt);
}

}  // namespace
}  // namespace bootstorm
