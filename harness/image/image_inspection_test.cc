#include "image_inspection.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "test_dirs.h"

namespace bootstorm {
namespace {

InspectedImage Bookworm() {
  InspectedImage image;
  image.os_type = "linux";
  image.distro = "debian";
  image.major_version = 12;
  image.minor_version = 8;
  image.product_name = "12.8";
  image.osinfo = "debian12";
  image.packages = {{"cloud-init", "22.4.2-1+deb12u4"}, {"network-manager", "1.42.4-1+deb12u1"},
                    {"systemd", "252.39-1~deb12u1"},    {"libsystemd0", "252.39-1~deb12u1"},
                    {"libc6", "2.36-9+deb12u13"},       {"grub-pc", "2.06-13+deb12u1"}};
  image.kernels = {"6.1.0-50-cloud-amd64"};
  image.partition_table = "msdos";  // as ci/build-distro-image makes it
  image.mbr_boot_code = true;
  return image;
}

// Debian's genericcloud images: GPT, BIOS boot partition 14, ESP 15.
constexpr const char* kBiosBootGuid = "21686148-6449-6E6F-744E-656564454649";
constexpr const char* kEspGuid = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
constexpr const char* kLinuxGuid = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

TEST(CompareDottedVersions, ComparesNumerically) {
  EXPECT_GT(CompareDottedVersions("2.36", "2.4"), 0);
  EXPECT_LT(CompareDottedVersions("2.35", "2.36"), 0);
  EXPECT_EQ(CompareDottedVersions("2.36", "2.36"), 0);
  EXPECT_LT(CompareDottedVersions("2.36", "2.36.1"), 0);
  EXPECT_LT(CompareDottedVersions("6.1.0-9-amd64", "6.1.0-50-amd64"), 0) << "text tails";
}

TEST(RefusalReason, AcceptsADebianCloudImage) { EXPECT_EQ(RefusalReason(Bookworm()), ""); }

TEST(RefusalReason, AcceptsRpmNames) {
  InspectedImage fedora = Bookworm();
  fedora.distro = "fedora";
  fedora.packages = {{"cloud-init", "24.2-1.fc41"},
                     {"NetworkManager", "1:1.48.10-1.fc41"},
                     {"systemd", "256.7-1.fc41"},
                     {"systemd-libs", "256.7-1.fc41"},
                     {"glibc", "2.40-3.fc41"}};
  EXPECT_EQ(RefusalReason(fedora), "");
  EXPECT_EQ(PartVersion(fedora, GuestPart::kNetworkManager), "1:1.48.10-1.fc41");
}

TEST(RefusalReason, NamesWhatIsMissing) {
  InspectedImage image = Bookworm();
  image.packages.erase("network-manager");
  EXPECT_NE(RefusalReason(image).find("no NetworkManager installed"), std::string::npos);
  image = Bookworm();
  image.packages.erase("cloud-init");
  EXPECT_NE(RefusalReason(image).find("no cloud-init installed (no package cloud-init)"),
            std::string::npos);
  image = Bookworm();
  image.packages.erase("systemd");
  EXPECT_NE(RefusalReason(image).find("no systemd installed"), std::string::npos);
}

TEST(RefusalReason, RefusesWhatIsNotLinux) {
  InspectedImage image = Bookworm();
  image.os_type = "windows";
  EXPECT_NE(RefusalReason(image).find("windows, not Linux"), std::string::npos);
  EXPECT_NE(RefusalReason(InspectedImage{}).find("no operating system"), std::string::npos);
}

TEST(RefusalReason, AcceptsAnyCLibrary) {
  InspectedImage image = Bookworm();
  image.packages.erase("libc6");
  image.packages.erase("libsystemd0");
  EXPECT_EQ(RefusalReason(image), "") << "bootstorm's guest binaries bring their own runtime";
}

TEST(BootFirmware, MbrBootCodeBootsBiosAndAnEspAloneBootsUefi) {
  EXPECT_EQ(BootFirmware(Bookworm()), "bios");
  InspectedImage gpt = Bookworm();
  gpt.partition_table = "gpt";
  gpt.gpt_types = {kLinuxGuid, kBiosBootGuid, kEspGuid};
  EXPECT_EQ(BootFirmware(gpt), "bios") << "hybrid: SeaBIOS is the quicker";
  gpt.gpt_types = {kLinuxGuid, "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"};
  EXPECT_EQ(BootFirmware(gpt), "uefi") << "GUIDs compare without case";
  gpt.mbr_boot_code = false;
  gpt.gpt_types = {kLinuxGuid, kBiosBootGuid, kEspGuid};
  EXPECT_EQ(BootFirmware(gpt), "uefi") << "a BIOS boot partition without MBR code boots nothing";
}

TEST(RefusalReason, RefusesADiskWithNoBootLoaderItCanStart) {
  InspectedImage image = Bookworm();
  image.mbr_boot_code = false;
  std::string why = RefusalReason(image);
  EXPECT_NE(why.find("no boot loader bootstorm can start"), std::string::npos) << why;
  EXPECT_NE(why.find("partition table: msdos"), std::string::npos) << why;
  image.partition_table = "gpt";
  image.gpt_types = {kLinuxGuid};
  EXPECT_NE(RefusalReason(image).find("no EFI system partition"), std::string::npos);
  image.partition_table = "";
  EXPECT_NE(RefusalReason(image).find("partition table: none"), std::string::npos);
}

TEST(ListStagedFiles, ListsFilesAndLinksWithModesAndHashes) {
  namespace fs = std::filesystem;
  fs::path dir = FreshTestTempDir("staging");
  fs::create_directories(dir / "usr/local/bin");
  fs::create_directories(dir / "etc/systemd/system/sysinit.target.wants");
  std::ofstream(dir / "usr/local/bin/tool") << "abc";
  fs::permissions(dir / "usr/local/bin/tool", fs::perms(0755));
  fs::create_symlink("/etc/systemd/system/x.service",
                     dir / "etc/systemd/system/sysinit.target.wants/x.service");
  std::vector<AddedFile> files = ListStagedFiles(dir);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "/etc/systemd/system/sysinit.target.wants/x.service");
  EXPECT_EQ(files[0].symlink_target, "/etc/systemd/system/x.service");
  EXPECT_EQ(files[1].path, "/usr/local/bin/tool");
  EXPECT_EQ(files[1].mode, 0755u);
  EXPECT_EQ(files[1].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string text = AddedFilesText(files, "/img/debian.qcow2");
  EXPECT_NE(text.find("/usr/local/bin/tool 0755 ba7816bf"), std::string::npos) << text;
  EXPECT_NE(text.find(" -> /etc/systemd/system/x.service\n"), std::string::npos) << text;
  EXPECT_NE(text.find("/img/debian.qcow2"), std::string::npos) << text;
}

TEST(ListStagedFiles, RefusesOtherKindsOfFile) {
  namespace fs = std::filesystem;
  fs::path dir = FreshTestTempDir("staging");
  fs::create_directories(dir);
  ASSERT_EQ(mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_THROW(ListStagedFiles(dir), std::runtime_error);
}

TEST(ImportedSutJson, SaysCloudInitBootsFromDiskAndNamesVersions) {
  nlohmann::json j = ImportedSutJson(Bookworm(), "/img/debian-12.qcow2");
  EXPECT_EQ(j["kind"], "cloud-init");
  EXPECT_EQ(j["boot"], "disk");
  EXPECT_EQ(j["firmware"], "bios");
  EXPECT_EQ(j["suite"], "debian12");
  EXPECT_EQ(j["cloud_init"], "22.4.2-1+deb12u4");
  EXPECT_EQ(j["network_manager"], "1.42.4-1+deb12u1");
  EXPECT_EQ(j["systemd"], "252.39-1~deb12u1");
  EXPECT_EQ(j["kernel"], "6.1.0-50-cloud-amd64");
  EXPECT_EQ(j["cloud_init_origin"], "debian 12.8 image debian-12.qcow2");
  EXPECT_EQ(j["source"], "/img/debian-12.qcow2");
  EXPECT_EQ(
      ImportedGuestVersionsJson(Bookworm()),
      (nlohmann::json{{"network_manager", "1.42.4-1+deb12u1"}, {"systemd", "252.39-1~deb12u1"}}));
}

}  // namespace
}  // namespace bootstorm
