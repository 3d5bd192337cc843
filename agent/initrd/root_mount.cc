#include "root_mount.h"

namespace bootstorm {

RootMount RootMountFromCmdline(std::string_view cmdline) {
  RootMount root;
  while (!cmdline.empty()) {
    std::size_t space = cmdline.find_first_of(" \t\n");
    std::string_view word = cmdline.substr(0, space);
    cmdline.remove_prefix(space == std::string_view::npos ? cmdline.size() : space + 1);
    if (word == "ro") {
      root.read_only = true;
    } else if (word == "rw") {
      root.read_only = false;
    } else if (word.starts_with("root=")) {
      std::string_view device = word.substr(5);
      root.device = device.starts_with("/dev/") ? std::string(device) : "";
    }
  }
  return root;
}

}  // namespace bootstorm
