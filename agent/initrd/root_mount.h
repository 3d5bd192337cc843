// What the guest's minimal initrd mounts as the root file system, from the
// kernel command line (`root=` and `ro`/`rw`, as the kernel reads them).
#pragma once

#include <string>
#include <string_view>

namespace bootstorm {

struct RootMount {
  /// The block device, e.g. "/dev/vda"; "" when the command line names none
  /// or names it in a form the initrd does not resolve (LABEL=, UUID=).
  std::string device;
  /// The last of `ro` and `rw` wins; read-only when neither is given.
  bool read_only = true;
};

/// Parses a kernel command line. Words are split on spaces; quoting is not
/// needed for these two parameters.
RootMount RootMountFromCmdline(std::string_view cmdline);

}  // namespace bootstorm
