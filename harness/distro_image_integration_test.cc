// A distro's cloud image as it ships (issue 18), on real VMs (CTest label
// "integration", not tier 1: each boot takes minutes under TCG). The input is
// the image ci/build-distro-image builds beside the binary (GRUB, Debian's
// kernel and initramfs, cloud-init, NetworkManager), which nothing of
// bootstorm's has touched; `bootstorm image import` makes the image folder.
// As for the built cloud-init images, the tests assert what the harness must
// do (every boot judged, from its own boot loader, the image's versions in the
// results), never the verdict cloud-init earns.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli_test_support.h"
#include "process.h"
#include "scenario.h"

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

/// ci/build-distro-image's image: BIOS, or with `uefi` its --uefi variant.
fs::path DistroImage(bool uefi = false) {
  return fs::path(BOOTSTORM_BINARY).parent_path() /
         (uefi ? "distro-image-bookworm-uefi" : "distro-image-bookworm") / "disk.qcow2";
}

/// ci/build-distro-image --suite bullseye: Debian 11, glibc 2.31, older than
/// the glibc bootstorm's guest binaries are built against.
fs::path OlderDistroImage() {
  return fs::path(BOOTSTORM_BINARY).parent_path() / "distro-image-bullseye" / "disk.qcow2";
}

/// Imports `source` into a fresh folder of `test`, with ci/guestfs-env
/// (libguestfs on hosts without a /boot kernel or KVM).
fs::path Import(const std::string& test, const fs::path& source = DistroImage()) {
  fs::path out = FreshTestDir(test) / "image";
  // Folders on the way to the overlay must be searchable by QEMU's user.
  fs::permissions(out.parent_path(), fs::perms(0755));
  auto before = fs::last_write_time(source);
  std::string script = ". '" BOOTSTORM_SOURCE_DIR "/ci/guestfs-env' && exec '" + BootstormBinary() +
                       "' image import '" + source.string() + "' --out '" + out.string() + "'";
  ProcessResult r = RunProcess({"bash", "-c", script}, std::chrono::minutes(20));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(fs::last_write_time(source), before) << "import wrote to its source";
  return out;
}

void ExpectJudgedOnTheImage(const ScenarioRun& run, const nlohmann::json& sut, std::size_t boots) {
  EXPECT_TRUE(run.cli.exit_code == 0 || run.cli.exit_code == 1) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  EXPECT_EQ(run.results["scenario"]["activator"], "cloud-init");
  const nlohmann::json& guest = run.results["environment"]["guest"];
  for (const char* field : {"cloud_init", "network_manager", "systemd", "kernel", "suite"})
    EXPECT_EQ(guest[field], sut[field]) << field << ": " << guest;
  EXPECT_EQ(guest["sut"], "cloud-init");
  auto judged = Boots(run.results);
  EXPECT_EQ(judged.size(), boots);
  for (const auto& [vm, boot] : judged) {
    EXPECT_NE(boot["outcome"], "infra_error") << boot.dump(2);
    EXPECT_EQ(boot["checks"].size(), kAllChecks.size());
  }
  ExpectNothingLeft(run);
}

TEST(DistroImageIntegration, ImportRefusesNothingAndListsWhatItAdded) {
  ASSERT_TRUE(fs::exists(DistroImage()))
      << DistroImage() << ": build it with ci/build-distro-image";
  fs::path image = Import("distro-import-listing");
  nlohmann::json sut = ReadJsonFile(image / "sut.json");
  EXPECT_EQ(sut["boot"], "disk");
  EXPECT_EQ(sut["kind"], "cloud-init");
  EXPECT_TRUE(sut["cloud_init"].get<std::string>().starts_with("22.4")) << sut;
  EXPECT_FALSE(fs::exists(image / "vmlinuz"));
  std::string listing = ReadFileText(image / "added-files.txt");
  for (const char* path :
       {"/usr/local/bin/bootstorm-agent ", "/usr/local/bin/bootstorm-observer ",
        "/usr/lib/systemd/system-generators/bootstorm-generator ",
        "/usr/lib/bootstorm/runtime/ld-linux-x86-64.so.2 ", "/usr/lib/bootstorm/runtime/libc.so.6 ",
        "/usr/lib/bootstorm/runtime/libsystemd.so.0 "})
    EXPECT_NE(listing.find(path), std::string::npos) << path << "\n" << listing;
  ProcessResult info =
      RunProcess({"qemu-img", "info", "--output=json", (image / "disk.qcow2").string()},
                 std::chrono::seconds(30));
  nlohmann::json j = nlohmann::json::parse(info.out, nullptr, false);
  EXPECT_EQ(j.value("backing-filename", ""), DistroImage().string()) << info.out;
  EXPECT_EQ(j.value("backing-filename-format", ""), "qcow2") << info.out;
}

TEST(DistroImageIntegration, SmokeOnAnImportedImageBootsFromItsOwnBootLoader) {
  ASSERT_TRUE(fs::exists(DistroImage()))
      << DistroImage() << ": build it with ci/build-distro-image";
  fs::path image = Import("distro-import-smoke");
  ScenarioRun run =
      RunScenario("distro-smoke", "smoke.json", {"--image", image.string(), "--jobs", "1"});
  ExpectJudgedOnTheImage(run, ReadJsonFile(image / "sut.json"), 4);
  // GRUB booted Debian's kernel: the image's own command line, no plan on it.
  std::string console = ReadFileText(run.out / "vm-000" / "boot-1.console.log");
  EXPECT_NE(console.find("Booting `Debian GNU/Linux'"), std::string::npos);
  EXPECT_EQ(console.find("bootstorm.plan="), std::string::npos);
}

TEST(DistroImageIntegration, AUefiImageBootsThroughOvmf) {
  ASSERT_TRUE(fs::exists(DistroImage(true)))
      << DistroImage(true) << ": build it with ci/build-distro-image --uefi";
  fs::path image = Import("distro-import-uefi", DistroImage(true));
  nlohmann::json sut = ReadJsonFile(image / "sut.json");
  EXPECT_EQ(sut["firmware"], "uefi") << "GPT with an EFI system partition, no BIOS boot code";
  ScenarioRun run =
      RunScenario("distro-uefi-nm-first", "nm-first.json", {"--image", image.string()});
  ExpectJudgedOnTheImage(run, sut, 2);
  // OVMF, then GRUB from the EFI system partition, booted Debian's kernel
  // (which prints the firmware it runs on).
  std::string console = ReadFileText(run.out / "vm-000" / "boot-1.console.log");
  EXPECT_NE(console.find("efi: EFI v"), std::string::npos) << console.substr(0, 3000);
  EXPECT_NE(console.find("Booting `Debian GNU/Linux'"), std::string::npos);
}

// The agent and the observer run on the runtime import gave them
// (guest_runtime.h), not on the image's older glibc: every boot is judged,
// which takes the agent's checkpoints and the observer's event history.
TEST(DistroImageIntegration, AnImageWithAnOlderGlibcRunsOnTheRuntimeImportAdded) {
  ASSERT_TRUE(fs::exists(OlderDistroImage()))
      << OlderDistroImage() << ": build it with ci/build-distro-image --suite bullseye";
  fs::path image = Import("distro-import-older-glibc", OlderDistroImage());
  nlohmann::json sut = ReadJsonFile(image / "sut.json");
  EXPECT_EQ(sut["suite"], "debian11") << sut;
  ScenarioRun run =
      RunScenario("distro-older-glibc-smoke", "smoke.json", {"--image", image.string()});
  ExpectJudgedOnTheImage(run, sut, 4);
  for (const auto& [vm, boot] : Boots(run.results)) {
    fs::path history = run.out / fmt::format("vm-{:03}", vm) /
                       fmt::format("boot-{}.history.jsonl", boot["boot"].get<int>());
    EXPECT_TRUE(fs::is_regular_file(history) && fs::file_size(history) > 0)
        << history << ": no event history from the observer";
  }
}

TEST(DistroImageIntegration, NmFirstOnAnImportedImage) {
  ASSERT_TRUE(fs::exists(DistroImage()))
      << DistroImage() << ": build it with ci/build-distro-image";
  fs::path image = Import("distro-import-nm-first");
  ScenarioRun run =
      RunScenario("distro-nm-first", "nm-first.json", {"--image", image.string(), "--jobs", "1"});
  ExpectJudgedOnTheImage(run, ReadJsonFile(image / "sut.json"), 2);
}

// Needs no distro image, only the appliance kernel its build extracted
// (ci/guestfs-env): the appliance is killed long before it could inspect
// the empty disk (its launch alone takes seconds).
TEST(DistroImageIntegration, AnImportPastItsTimeoutKillsTheApplianceAndLeavesNothing) {
  fs::path dir = FreshTestDir("distro-import-timeout");
  fs::permissions(dir, fs::perms(0755));
  fs::path source = dir / "empty.qcow2", out = dir / "image";
  ProcessResult made = RunProcess(
      {"qemu-img", "create", "-q", "-f", "qcow2", source.string(), "1G"}, std::chrono::seconds(30));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string script = ". '" BOOTSTORM_SOURCE_DIR "/ci/guestfs-env' && exec '" + BootstormBinary() +
                       "' image import --timeout 1 '" + source.string() + "' --out '" +
                       out.string() + "'";
  ProcessResult r = RunProcess({"bash", "-c", script}, std::chrono::minutes(5));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("image import timeout of 1 s"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out)) << "a stopped import left its folder";
  // No appliance outlives the import: none has the overlay on its command line.
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string cmdline = ReadFileText(entry.path() / "cmdline");
    EXPECT_EQ(cmdline.find(out.string()), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace bootstorm
