#include "guest_image.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "boot_plan.h"
#include "bounded_file.h"
#include "exit_code.h"
#include "strict_json.h"

namespace bootstorm {

namespace {

// sut.json (or for older images guest-versions.json), {} when unreadable:
// informational, a missing or odd file gives empty fields.
nlohmann::json ReadSutJson(const std::filesystem::path& dir) {
  constexpr std::size_t kMaxVersionsBytes = 64 << 10;
  auto read = [&dir](const char* name) {
    try {
      return ParseJsonText(ReadFileBounded(dir / name, kMaxVersionsBytes), name);
    } catch (const std::invalid_argument&) {  // FileReadError, JsonPathError
      return nlohmann::json();
    }
  };
  nlohmann::json j = read(kSutFile);
  return j.is_object() ? j : read("guest-versions.json");
}

}  // namespace

bool BootsFromDisk(const std::filesystem::path& dir) {
  nlohmann::json j = ReadSutJson(dir);
  return j.is_object() && j.value("boot", nlohmann::json()) == "disk";
}

Firmware DiskFirmware(const std::filesystem::path& dir) {
  nlohmann::json j = ReadSutJson(dir);
  nlohmann::json firmware = j.is_object() ? j.value("firmware", nlohmann::json()) : nullptr;
  if (firmware.is_null() || firmware == "bios") return Firmware::kBios;
  if (firmware == "uefi") return Firmware::kUefi;
  throw BadInput(fmt::format("{}/{}: \"firmware\" is {}, not \"bios\" or \"uefi\"", dir.string(),
                             kSutFile, firmware.dump().substr(0, 80)));
}

std::vector<std::string> GuestImageFiles(const std::filesystem::path& dir) {
  if (BootsFromDisk(dir)) return {"disk.qcow2"};
  return {"base.qcow2", "vmlinuz", "initrd.img"};
}

std::string SourceStamp(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return "";
  auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return "";
  auto since_epoch = std::chrono::file_clock::to_sys(mtime).time_since_epoch();
  return fmt::format("{}:{}", size,
                     std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

void RequireGuestImage(const std::filesystem::path& dir) {
  for (const std::string& file : GuestImageFiles(dir)) {
    if (!std::filesystem::exists(dir / file))
      throw BadInput(
          fmt::format("{}: missing from the image folder (build it with ci/setup, or pass --image)",
                      (dir / file).string()));
  }
  if (!BootsFromDisk(dir)) return;
  DiskFirmware(dir);  // throws on an unknown one
  nlohmann::json j = ReadSutJson(dir);
  auto field = [&j](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  std::string source = field(kSutSource), stamp = field(kSutSourceStamp);
  if (source.empty() || stamp.empty() || SourceStamp(source) != stamp)
    throw BadInput(fmt::format(
        "{}/{}: the image disk.qcow2 overlays (\"{}\") is gone or changed since it was imported "
        "(size and modification time {} then, {} now); import it again",
        dir.string(), kSutFile, source, stamp.empty() ? "unknown" : stamp,
        source.empty() ? "unknown" : SourceStamp(source)));
}

std::string GuestImageKey(const std::filesystem::path& dir) {
  std::ifstream in(dir / "image-key");
  std::string key;
  std::getline(in, key);
  return key;
}

GuestVersions ReadGuestVersions(const std::filesystem::path& dir) {
  // sut.json (every image since cloud-init images) says more than
  // guest-versions.json.
  nlohmann::json j = ReadSutJson(dir);
  auto field = [&j](const char* key) -> std::string {
    constexpr std::size_t kMaxFieldLength = 300;  // an origin names a tree and a hash
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
    std::string v = j[key].get<std::string>();
    return v.size() <= kMaxFieldLength ? v : "";
  };
  // An image that boots from disk has no vmlinuz: its sut.json names the kernel.
  std::string kernel = KernelVersion(dir / "vmlinuz");
  if (kernel.empty()) kernel = field("kernel");
  return {
      field("network_manager"), field("systemd"),          kernel, field("kind"), field("suite"),
      field("cloud_init"),      field("cloud_init_origin")};
}

std::string ActivatorForImage(const std::string& requested, const std::filesystem::path& dir,
                              std::string_view asked_by) {
  std::string sut = ReadGuestVersions(dir).sut;
  std::string cloud_init(ActivatorName(Activator::kCloudInit));
  if (sut == kSutCloudInit) {
    if (!requested.empty() && requested != cloud_init)
      throw BadInput(fmt::format(
          "{} {}: {} holds cloud-init as its system under test ({}); its boots run activator {}",
          asked_by, requested, dir.string(), kSutFile, cloud_init));
    return cloud_init;
  }
  if (requested == cloud_init)
    throw BadInput(
        fmt::format("{} {}: {} is no cloud-init image ({} kind \"{}\"); build one with "
                    "ci/build-cloud-init-images (README: Test your cloud-init)",
                    asked_by, cloud_init, dir.string(), kSutFile, sut.empty() ? "unknown" : sut));
  return requested;
}

std::string KernelVersion(const std::filesystem::path& vmlinuz) {
  // x86 boot protocol: "HdrS" at 0x202; the 16-bit little-endian value at
  // 0x20e plus 0x200 is the offset of the NUL-terminated version string,
  // "6.1.0-28-cloud-amd64 (debian-kernel@...) #1 SMP ...".
  std::ifstream in(vmlinuz, std::ios::binary);
  char header[0x210] = {};
  if (!in.read(header, sizeof header) || std::string_view(header + 0x202, 4) != "HdrS") return "";
  unsigned offset = static_cast<unsigned char>(header[0x20e]) |
                    static_cast<unsigned>(static_cast<unsigned char>(header[0x20f])) << 8;
  char text[128] = {};
  if (!in.seekg(offset + 0x200) || !in.read(text, sizeof text - 1)) return "";
  std::string_view version(text);
  version = version.substr(0, version.find(' '));
  bool printable =
      std::all_of(version.begin(), version.end(), [](char c) { return c > ' ' && c < 0x7f; });
  return printable ? std::string(version) : "";
}

void RequireRecordedGuestImage(const std::filesystem::path& dir, const std::string& key,
                               const std::string& run_id) {
  RequireGuestImage(dir);
  std::string now = GuestImageKey(dir);
  if (now != key)
    throw BadInput(fmt::format(
        "{}/image-key: the guest image is now \"{}\" but run {} booted \"{}\"; a different guest "
        "would make it a different experiment",
        dir.string(), now, run_id, key));
}

}  // namespace bootstorm
