#include "common.h"

#include <cstdlib>

#include "connect_option.h"
#include "image_dir.h"

namespace bootstorm {

std::string DefaultUri() {
  for (const char* var : {"BOOTSTORM_CONNECT", "LIBVIRT_DEFAULT_URI"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "qemu:///system";
}

void AddConnectFlag(CLI::App* cmd, std::vector<std::string>& values) {
  cmd->add_option("--connect", values,
                  "libvirt URI[,WEIGHT], repeatable: one per host, VMs spread by weight (1-1000, "
                  "default 1); default $BOOTSTORM_CONNECT, $LIBVIRT_DEFAULT_URI, else "
                  "qemu:///system")
      ->allow_extra_args(false);
}

void RunFlags::Add(CLI::App* cmd) {
  AddConnectFlag(cmd, connect);
  cmd->add_option("--image", image,
                  "guest image folder (default $BOOTSTORM_IMAGE, the installed image, else "
                  "image/ beside the binary)");
  cmd->add_option("--jobs", options.jobs,
                  "VMs at once over all hosts, split by weight (default: per host from its CPUs "
                  "and free memory)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--retries", options.infra_retries,
                  "attempts after an infra error, with the same plan on the same disk state")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  cmd->add_option("--timeout", options.timeout_seconds,
                  "stop a run after this many seconds, keeping its results (0: none)")
      ->check(CLI::Range(0, 7 * 86400));
}

RunOptions RunFlags::Resolve() const {
  RunOptions resolved = options;
  resolved.hosts = ParseConnectOptions(connect, DefaultUri());
  resolved.image_dir = FindImageDir(image);
  return resolved;
}

}  // namespace bootstorm
