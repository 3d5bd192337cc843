#include "guest_image.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bounded_file.h"
#include "strict_json.h"

namespace bootstorm {

void RequireGuestImage(const std::filesystem::path& dir) {
  for (const char* file : {"base.qcow2", "vmlinuz", "initrd.img"}) {
    if (!std::filesystem::exists(dir / file))
      throw std::invalid_argument(
          fmt::format("{}: missing from the image folder (build it with ci/setup, or pass --image)",
                      (dir / file).string()));
  }
}

std::string GuestImageKey(const std::filesystem::path& dir) {
  std::ifstream in(dir / "image-key");
  std::string key;
  std::getline(in, key);
  return key;
}

GuestVersions ReadGuestVersions(const std::filesystem::path& dir) {
  // Informational: a missing or odd file gives empty versions.
  constexpr std::size_t kMaxVersionsBytes = 64 << 10;
  nlohmann::json j;
  try {
    j = ParseJsonText(ReadFileBounded(dir / "guest-versions.json", kMaxVersionsBytes), "versions");
  } catch (const std::invalid_argument&) {  // FileReadError, JsonPathError
  }
  auto field = [&j](const char* key) -> std::string {
    constexpr std::size_t kMaxVersionLength = 100;
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
    std::string v = j[key].get<std::string>();
    return v.size() <= kMaxVersionLength ? v : "";
  };
  return {field("network_manager"), field("systemd")};
}

void RequireRecordedGuestImage(const std::filesystem::path& dir, const std::string& key,
                               const std::string& run_id) {
  RequireGuestImage(dir);
  std::string now = GuestImageKey(dir);
  if (now != key)
    throw std::invalid_argument(fmt::format(
        "{}/image-key: the guest image is now \"{}\" but run {} booted \"{}\"; a different guest "
        "would make it a different experiment",
        dir.string(), now, run_id, key));
}

}  // namespace bootstorm
