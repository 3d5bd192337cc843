// What several commands' flags share: the default libvirt URI, --connect,
// and the flags of one run (run and verify).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run_command.h"

namespace bootstorm {

/// $BOOTSTORM_CONNECT, else $LIBVIRT_DEFAULT_URI, else qemu:///system.
std::string DefaultUri();

/// Adds the repeatable `--connect URI[,WEIGHT]` to `cmd`, into `values`.
void AddConnectFlag(CLI::App* cmd, std::vector<std::string>& values);

/// The flags of how a run runs, shared by run and verify: --connect,
/// --image, --jobs, --retries, --timeout.
struct RunFlags {
  std::vector<std::string> connect;
  std::optional<std::filesystem::path> image;
  RunOptions options;

  void Add(CLI::App* cmd);
  /// `options` with the hosts parsed from --connect and the image found
  /// (image_dir.h); throws BadInput on a bad --connect or no image.
  RunOptions Resolve() const;
};

}  // namespace bootstorm
