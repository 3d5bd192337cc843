#include "guest_image.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

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

}  // namespace bootstorm
