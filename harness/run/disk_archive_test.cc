#include "disk_archive.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_dirs.h"
#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

/// Volumes as local files: only the transfers the archive uses.
class FileVolumes : public UnusedHypervisor {
 public:
  std::map<std::string, std::string> volumes;  ///< name -> bytes
  VolumeFormat uploaded_format = VolumeFormat::kRaw;
  bool fail_mid_download = false;

  void DownloadVolume(const std::string& name, const std::filesystem::path& file) override {
    std::ofstream out(file, std::ios::binary);
    const std::string& bytes = volumes.at(name);
    out << bytes.substr(0, fail_mid_download ? bytes.size() / 2 : bytes.size());
    if (fail_mid_download) throw std::runtime_error("stream error");
  }
  std::string UploadVolume(const std::string& name, const std::filesystem::path& file,
                           VolumeFormat format) override {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    volumes[name] = bytes.str();
    uploaded_format = format;
    return "/pool/" + name;
  }
};

class DiskArchiveTest : public testing::Test {
 protected:
  void SetUp() override {
    run_ = FreshTestTempDir("bootstorm-disk-archive");
    hv_.volumes["layer1"] = "QFI\xfb layer of boot 1";
  }
  std::filesystem::path run_;
  FileVolumes hv_;
};

TEST_F(DiskArchiveTest, SavesAndRestoresALayerAsQcow2) {
  EXPECT_EQ(SaveLayer(hv_, "layer1", run_, 0, 1), hv_.volumes["layer1"].size());
  EXPECT_EQ(SavedLayerPath(run_, 0, 1), run_ / "vm-000" / "disk" / "boot-1.qcow2");
  EXPECT_TRUE(std::filesystem::exists(SavedLayerPath(run_, 0, 1)));
  EXPECT_EQ(RestoreLayer(hv_, "again", run_, 0, 1), "/pool/again");
  EXPECT_EQ(hv_.volumes["again"], hv_.volumes["layer1"]);
  EXPECT_EQ(hv_.uploaded_format, VolumeFormat::kQcow2);
  DropSavedLayers(run_, 0);
  EXPECT_FALSE(std::filesystem::exists(run_ / "vm-000" / "disk"));
}

TEST_F(DiskArchiveTest, AFailedDownloadLeavesNoLayerThatLooksWhole) {
  hv_.fail_mid_download = true;
  EXPECT_THROW(SaveLayer(hv_, "layer1", run_, 0, 1), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(SavedLayerPath(run_, 0, 1)));
  try {
    RestoreLayer(hv_, "layer1", run_, 0, 1);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), SavedLayerPath(run_, 0, 1).string() +
                                         ": missing, so boot 2 cannot continue on the disk "
                                         "boot 1 left");
  }
}

}  // namespace
}  // namespace bootstorm
