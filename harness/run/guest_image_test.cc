#include "guest_image.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "exit_code.h"
#include "test_dirs.h"

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

nlohmann::json ReadJsonText(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

fs::path FolderWithSut(const std::string& sut_json) {
  fs::path dir = FreshTestTempDir("image");
  fs::create_directories(dir);
  std::ofstream(dir / kSutFile) << sut_json;
  return dir;
}

TEST(GuestImage, AnImportedImageBootsFromItsDisk) {
  fs::path dir = FolderWithSut(
      R"({"kind": "cloud-init", "boot": "disk", "kernel": "6.1.0-50-cloud-amd64",
          "cloud_init": "22.4.2-1+deb12u4", "suite": "debian12"})");
  EXPECT_TRUE(BootsFromDisk(dir));
  EXPECT_EQ(GuestImageFiles(dir), std::vector<std::string>{"disk.qcow2"});
  try {
    RequireGuestImage(dir);
    ADD_FAILURE() << "no disk.qcow2 yet";
  } catch (const BadInput& e) {
    EXPECT_NE(std::string(e.what()).find("disk.qcow2: missing"), std::string::npos) << e.what();
  }
  std::ofstream(dir / "disk.qcow2") << "x";
  EXPECT_THROW(RequireGuestImage(dir), BadInput) << "no source recorded";
  fs::path source = dir / "distro.qcow2";
  std::ofstream(source) << "shipped";
  nlohmann::json sut = ReadJsonText(dir / kSutFile);
  sut[kSutSource] = source.string();
  sut[kSutSourceStamp] = SourceStamp(source);
  std::ofstream(dir / kSutFile) << sut.dump();
  EXPECT_NO_THROW(RequireGuestImage(dir)) << "no vmlinuz or initrd.img needed";
  std::ofstream(source, std::ios::app) << " and rebuilt";
  try {
    RequireGuestImage(dir);
    ADD_FAILURE() << "the source changed";
  } catch (const BadInput& e) {
    EXPECT_NE(std::string(e.what()).find("changed since it was imported"), std::string::npos)
        << e.what();
  }
  GuestVersions v = ReadGuestVersions(dir);
  EXPECT_EQ(v.kernel, "6.1.0-50-cloud-amd64") << "from sut.json: there is no vmlinuz";
  EXPECT_EQ(v.suite, "debian12");
}

TEST(GuestImage, AnImportedImageNamesItsFirmware) {
  EXPECT_EQ(DiskFirmware(FolderWithSut(R"({"boot": "disk", "firmware": "uefi"})")),
            Firmware::kUefi);
  EXPECT_EQ(DiskFirmware(FolderWithSut(R"({"boot": "disk", "firmware": "bios"})")),
            Firmware::kBios);
  EXPECT_EQ(DiskFirmware(FolderWithSut(R"({"boot": "disk"})")), Firmware::kBios)
      << "imported before UEFI support";
  fs::path odd = FolderWithSut(R"({"boot": "disk", "firmware": "coreboot"})");
  try {
    DiskFirmware(odd);
    ADD_FAILURE() << "an unknown firmware";
  } catch (const BadInput& e) {
    EXPECT_NE(std::string(e.what()).find("\"firmware\" is \"coreboot\""), std::string::npos)
        << e.what();
  }
}

TEST(GuestImage, ABuiltImageBootsItsKernelDirectly) {
  for (const char* sut :
       {R"({"kind": "cloud-init", "suite": "bookworm"})", R"({"boot": 1})", "not json"}) {
    fs::path dir = FolderWithSut(sut);
    EXPECT_FALSE(BootsFromDisk(dir)) << sut;
    EXPECT_EQ(GuestImageFiles(dir),
              (std::vector<std::string>{"base.qcow2", "vmlinuz", "initrd.img"}))
        << sut;
  }
}

}  // namespace
}  // namespace bootstorm
