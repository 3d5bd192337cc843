// `bootstorm image import`.
#include <fmt/format.h>

#include <memory>

#include "build_info.h"
#include "command.h"
#include "image_import_command.h"

namespace bootstorm {
namespace {

// The installed data dir when it holds the agent, else the build tree's
// share/bootstorm beside this executable (CMakeLists.txt links it there).
GuestParts FindGuestParts() {
  namespace fs = std::filesystem;
  fs::path installed = fs::path(kInstalledImageDir).parent_path();
  std::error_code ec;
  fs::path beside = fs::read_symlink("/proc/self/exe", ec).parent_path() / "share/bootstorm";
  for (const fs::path& dir : {installed, beside})
    if (fs::is_regular_file(dir / "guest/bootstorm-agent")) return {dir};
  throw BadInput(
      fmt::format("bootstorm's guest parts are in neither {} nor {} (build bootstorm, "
                  "or install its package)",
                  installed.string(), beside.string()));
}

}  // namespace

Command RegisterImageCommand(CLI::App& app) {
  auto options = std::make_shared<ImageImportOptions>();
  CLI::App* cmd = app.add_subcommand("image", "prepare a distro's cloud image for bootstorm");
  cmd->require_subcommand(1);
  CLI::App* import = cmd->add_subcommand(
      "import",
      "inspect a qcow2 cloud image offline (libguestfs) and write an image folder: an overlay "
      "with bootstorm's observer added, never modifying the source");
  import->add_option("SRC", options->source, "the distro's qcow2 image (only read)")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--out", options->out, "the image folder to write (new or empty)")->required();
  import
      ->add_option_function<int>(
          "--timeout", [options](int s) { options->timeout = std::chrono::seconds(s); },
          "stop the import after this many seconds, killing libguestfs's appliance (default: "
          "900)")
      ->check(CLI::Range(1, 86400));
  return {cmd, [options](Cancellation& cancellation) {
            options->parts = FindGuestParts();
            options->force_tcg = GuestfsNeedsTcg();
            return RunImageImport(*options, cancellation);
          }};
}

}  // namespace bootstorm
