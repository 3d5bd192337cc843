// `bootstorm doctor`.
#include <fmt/format.h>

#include <memory>

#include "build_info.h"
#include "command.h"
#include "common.h"
#include "doctor.h"
#include "image_dir.h"

namespace bootstorm {

Command RegisterDoctorCommand(CLI::App& app) {
  struct Flags {
    std::string uri = DefaultUri();
    std::optional<std::filesystem::path> image;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "doctor", "check libvirt, KVM, the guest image, networks, memory and disk; say how to fix");
  cmd->add_option("--connect", flags->uri, "libvirt URI")->capture_default_str();
  cmd->add_option("--image", flags->image, "guest image folder (default: as for run)");
  return {cmd, [flags](Cancellation&) {
            std::filesystem::path image;
            try {
              image = FindImageDir(flags->image);
            } catch (const BadInput& e) {
              // No image is a finding of the doctor, not a usage error: it
              // reports the installed place as missing.
              fmt::print(stderr, "{}\n", e.what());
              image = kInstalledImageDir;
            }
            return RunDoctorCommand(flags->uri, image);
          }};
}

}  // namespace bootstorm
