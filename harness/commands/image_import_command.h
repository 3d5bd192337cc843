// `bootstorm image import SRC --out DIR` (issue 18): a distro's cloud image,
// as it ships, made testable by an overlay that adds bootstorm's observer.
#pragma once

#include <chrono>
#include <filesystem>

#include "cancellation.h"
#include "exit_code.h"

namespace bootstorm {

/// Where the guest-side parts are: DIR/guest/{bootstorm-agent,bootstorm-observer},
/// DIR/units (agent/units) and DIR/image-recipe (agent/image's install-*
/// scripts); the installed data dir and the build tree's share/bootstorm
/// have this layout.
struct GuestParts {
  std::filesystem::path dir;
};

struct ImageImportOptions {
  std::filesystem::path source;  ///< the distro's qcow2; only read
  std::filesystem::path out;     ///< must not exist, or be an empty folder
  GuestParts parts;
  bool force_tcg = true;  ///< no usable KVM for libguestfs's appliance
  /// The whole import's limit: libguestfs sets none (measured under TCG:
  /// 24-45 s, 7 min for ci/build-distro-image's bigger job).
  std::chrono::seconds timeout{900};
};

/// Inspects `source` offline and writes the image folder `out`: disk.qcow2
/// (an overlay backed by `source` with bootstorm's guest parts added),
/// sut.json, guest-versions.json, added-files.txt and image-key. Throws
/// BadInput when the image cannot be tested (the reason), std::runtime_error
/// on infrastructure trouble, on `cancellation` (Ctrl-C) and after
/// `options.timeout`, which kill libguestfs's appliance at once; `out` then
/// holds nothing of this call.
ExitCode RunImageImport(const ImageImportOptions& options, Cancellation& cancellation);

/// Whether libguestfs must use TCG on this host: no /dev/kvm, or
/// ci/libvirt-up's probe (/run/bootstorm/kvm) found it unusable.
bool GuestfsNeedsTcg();

}  // namespace bootstorm
