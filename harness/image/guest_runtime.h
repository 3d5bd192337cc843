// bootstorm's guest binaries in an image it did not build (issue 18): they
// bring their own runtime. `image import` copies every shared object the
// agent and the observer load on this host, the dynamic loader included,
// into kGuestRuntimeDir and points each binary at it (its ELF interpreter
// and RPATH, with patchelf), so they run whatever C library the image has:
// an older glibc, a newer one, or none at all. Pure: the import command
// runs ldd and patchelf.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// The folder in the guest that holds the binaries' shared objects.
inline constexpr std::string_view kGuestRuntimeDir = "/usr/lib/bootstorm/runtime";

/// One shared object a binary loads.
struct SharedObject {
  /// The file name the loader looks it up by (its soname; for the dynamic
  /// loader, its file name). Never contains '/'.
  std::string name;
  std::filesystem::path host_path;  ///< where it is on this host
  bool is_loader = false;           ///< the dynamic loader, the binary's ELF interpreter
  bool operator==(const SharedObject&) const = default;
};

/// The shared objects in `ldd BINARY`'s output `text` (the vDSO, which the
/// kernel provides, left out). Throws std::runtime_error naming `binary`
/// when a library is "not found", a line is not understood, or a name is
/// not a plain file name.
std::vector<SharedObject> ParseLddOutput(std::string_view text, std::string_view binary);

/// The patchelf command that points `binary` at the runtime: interpreter
/// kGuestRuntimeDir/<loader's name>, and DT_RPATH kGuestRuntimeDir (RPATH,
/// not RUNPATH: it also holds for what the libraries themselves load).
std::vector<std::string> PatchelfCommand(const SharedObject& loader,
                                         const std::filesystem::path& binary);

}  // namespace bootstorm
