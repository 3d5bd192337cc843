// SMBIOS OEM strings (structure type 11): how the harness hands the boot plan
// to a guest that boots from its own boot loader, where the kernel command
// line is the image's (libvirt <sysinfo type='smbios'><oemStrings>, QEMU
// -smbios type=11). The kernel exposes the raw structure table at
// /sys/firmware/dmi/tables/DMI (built in, no module), readable as early as a
// systemd generator runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// The strings of every type-11 structure in an SMBIOS structure table, in
/// table order. Stops at the end-of-table structure (type 127) or at the
/// first structure that does not fit (a truncated table yields what came
/// before it).
std::vector<std::string> SmbiosOemStrings(std::string_view table);

}  // namespace bootstorm
