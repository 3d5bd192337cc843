#include "run_dir_path.h"

namespace bootstorm {

bool StaysInside(const std::filesystem::path& relative) {
  if (relative.empty() || relative.has_root_name() || relative.has_root_directory()) return false;
  for (const std::filesystem::path& part : relative) {
    if (part == "..") return false;
  }
  return true;
}

}  // namespace bootstorm
