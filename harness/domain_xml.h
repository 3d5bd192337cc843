// libvirt domain XML for one boot of one VM: direct kernel boot (so the plan
// rides on the kernel command line), qcow2 overlay, config drive, one NIC on
// the run's isolated network, serial console and the probe's virtio channel.
#pragma once

#include <string>
#include <vector>

namespace bootstorm {

struct DomainSpec {
  std::string name;
  std::string virt_type = "qemu";  ///< "kvm" or "qemu" (TCG)
  int memory_mib = 256;
  int vcpus = 1;
  std::string kernel;
  std::string initrd;
  std::string cmdline;
  std::string root_disk;          ///< qcow2 overlay path on the hypervisor
  std::string config_drive;       ///< raw ISO path on the hypervisor; empty: none
  std::string network;            ///< libvirt network name
  std::vector<std::string> macs;  ///< one NIC on `network` per MAC, in PCI order
};

/// Kernel command line for a guest boot, ending with `extra` (the plan).
std::string GuestKernelCmdline(const std::string& extra);

std::string DomainXml(const DomainSpec& spec);

}  // namespace bootstorm
