// Where the guest image is: no path of the build tree is compiled in.
#pragma once

#include <filesystem>
#include <optional>

namespace bootstorm {

/// The guest image folder: `flag` (--image) when given, else `env`
/// ($BOOTSTORM_IMAGE) when set and not empty, both as they are (the run
/// checks their files and names the one missing); else the first of
/// `installed` (the installed data dir) and <folder of `exe`>/image (build/image
/// when the binary runs from its build tree) that holds base.qcow2. Throws
/// BadInput naming both places when neither does.
std::filesystem::path FindImageDir(const std::optional<std::filesystem::path>& flag,
                                   const char* env, const std::filesystem::path& installed,
                                   const std::filesystem::path& exe);

/// FindImageDir for this process: $BOOTSTORM_IMAGE, this build's installed
/// data dir and the folder of /proc/self/exe.
std::filesystem::path FindImageDir(const std::optional<std::filesystem::path>& flag);

}  // namespace bootstorm
