// libvirt domain XML for one boot of one VM (a DomainSpec): its disks and
// NICs, the serial console and the virtio channels of the probe and the
// observer; and the device elements the backend hot-plugs or updates later.
#pragma once

#include <string>

#include "domain_spec.h"

namespace bootstorm {

/// The transient domain `spec`, as virDomainCreateXML takes it. Throws
/// std::invalid_argument when spec.run_id is not a run id (its ownership mark).
std::string DomainXml(const DomainSpec& spec);

/// The config drive's <disk> element (read-only virtio, vdb): in the domain
/// XML, or hot-plugged later (IDE/SATA CD-ROMs cannot be hot-plugged).
std::string ConfigDriveXml(const std::string& path);

/// The <interface> element of the NIC with `mac` on `network`, its link up or
/// down; libvirt matches it to the live device by MAC when updating.
std::string InterfaceXml(const std::string& network, const std::string& mac, bool link_up = true);

}  // namespace bootstorm
