#include "image_dir.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <vector>

#include "build_info.h"
#include "exit_code.h"

namespace bootstorm {

std::filesystem::path FindImageDir(const std::optional<std::filesystem::path>& flag,
                                   const char* env, const std::filesystem::path& installed,
                                   const std::filesystem::path& exe) {
  if (flag) return *flag;
  if (env && *env) return env;
  std::vector<std::filesystem::path> looked{installed};
  if (!exe.empty()) looked.push_back(exe.parent_path() / "image");
  for (const std::filesystem::path& dir : looked) {
    std::error_code ec;
    if (std::filesystem::exists(dir / "base.qcow2", ec)) return dir;
  }
  std::vector<std::string> names;
  for (const std::filesystem::path& dir : looked) names.push_back(dir.string());
  throw BadInput(
      fmt::format("no guest image (base.qcow2) in {}: build one with ci/setup, or give --image "
                  "DIR or $BOOTSTORM_IMAGE",
                  fmt::join(names, " or ")));
}

std::filesystem::path FindImageDir(const std::optional<std::filesystem::path>& flag) {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return FindImageDir(flag, std::getenv("BOOTSTORM_IMAGE"), kInstalledImageDir, exe);
}

}  // namespace bootstorm
