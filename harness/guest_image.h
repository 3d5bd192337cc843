// The guest image folder a run boots from (built by ci/setup).
#pragma once

#include <filesystem>
#include <string>

namespace bootstorm {

/// Throws std::invalid_argument naming the first of base.qcow2, vmlinuz and
/// initrd.img missing from `dir`, with a hint how to build it.
void RequireGuestImage(const std::filesystem::path& dir);

/// The first line of <dir>/image-key (which identifies the guest: agent,
/// recipe and packages); "" when there is none.
std::string GuestImageKey(const std::filesystem::path& dir);

}  // namespace bootstorm
