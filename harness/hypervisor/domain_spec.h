// One boot of one VM as the run asks the hypervisor for it: a value, which
// the backend renders in its own terms (libvirt: ../libvirt/domain_xml.h).
// Direct kernel boot (the plan rides on the kernel command line) or the
// disk's own boot loader (the plan in an SMBIOS OEM string), qcow2 overlay,
// config drive, NICs on the run's isolated network.
#pragma once

#include <string>
#include <vector>

namespace bootstorm {

/// The firmware that starts a domain without direct kernel boot.
enum class Firmware { kBios, kUefi };
/// OVMF as one image (code and variables; Debian's package ovmf), loaded as
/// the domain's ROM: no NVRAM file to create and remove per domain, and
/// variables that last one boot, as a test guest wants. A path on the
/// hypervisor host.
inline constexpr const char* kOvmfPath = "/usr/share/ovmf/OVMF.fd";

struct DomainSpec {
  std::string name;
  std::string run_id;              ///< the run that owns the domain, in its ownership mark
  std::string virt_type = "qemu";  ///< "kvm" or "qemu" (TCG)
  int memory_mib = 256;
  int vcpus = 1;
  /// Direct kernel boot; all three empty: `firmware` boots the root disk's
  /// own boot loader.
  std::string kernel;
  std::string initrd;
  std::string cmdline;
  Firmware firmware = Firmware::kBios;  ///< SeaBIOS, or OVMF (kOvmfPath)
  /// SMBIOS OEM strings (type 11) the guest reads from its firmware tables:
  /// the plan of a guest whose command line is its boot loader's.
  std::vector<std::string> oem_strings;
  std::string root_disk;          ///< qcow2 overlay path on the hypervisor
  std::string config_drive;       ///< raw ISO path on the hypervisor; empty: none
  std::string network;            ///< the run network's name (RunNetwork::name)
  std::vector<std::string> macs;  ///< one NIC on `network` per MAC, in PCI order

  bool operator==(const DomainSpec&) const = default;
};

/// Kernel command line for a guest boot, ending with `extra` (the plan).
std::string GuestKernelCmdline(const std::string& extra);

}  // namespace bootstorm
