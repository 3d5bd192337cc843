#include "domain_xml.h"

#include <fmt/format.h>

#include "history.h"
#include "observation.h"
#include "ownership_mark.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

/// TCG translation cache per VM (see DomainXml). Measured on the trimmed
/// guest, one boot at a time (docs/PERFORMANCE.md): 64 MiB gave 299-305
/// MiB peak RSS per VM, 48 MiB 280-282 MiB for 4-6 % more boot time, 32 MiB
/// 261-269 MiB for 30 % more.
constexpr int kTbCacheMib = 48;

}  // namespace

std::string ConfigDriveXml(const std::string& path) {
  return fmt::format(
      "    <disk type='file' device='disk'>\n"
      "      <driver name='qemu' type='raw'/>\n"
      "      <source file='{}'/>\n"
      "      <target dev='vdb' bus='virtio'/>\n"
      "      <readonly/>\n"
      "    </disk>\n",
      XmlEscape(path));
}

std::string InterfaceXml(const std::string& network, const std::string& mac, bool link_up) {
  return fmt::format(
      "    <interface type='network'>\n"
      "      <source network='{}'/>\n"
      "      <mac address='{}'/>\n"
      "      <model type='virtio'/>\n"
      "      <link state='{}'/>\n"
      "    </interface>\n",
      XmlEscape(network), XmlEscape(mac), link_up ? "up" : "down");
}

std::string DomainXml(const DomainSpec& s) {
  std::string config_drive = s.config_drive.empty() ? "" : ConfigDriveXml(s.config_drive);
  std::string nics;
  for (const std::string& mac : s.macs) nics += InterfaceXml(s.network, mac);
  // <acpi/> is required: without it the guest halts instead of powering off
  // and the domain never stops (seen with direct kernel boot under QEMU 7.2).
  // Under TCG, QEMU 7.2 reserves a 1 GiB translation cache per VM by default
  // and a boot fills much of it; a boot's working set fits in far less.
  std::string boot =
      !s.kernel.empty()
          ? fmt::format(
                "    <kernel>{}</kernel>\n    <initrd>{}</initrd>\n    <cmdline>{}</cmdline>\n",
                XmlEscape(s.kernel), XmlEscape(s.initrd), XmlEscape(s.cmdline))
      : s.firmware == Firmware::kUefi
          ? fmt::format("    <loader readonly='yes' type='rom'>{}</loader>\n    <boot dev='hd'/>\n",
                        XmlEscape(kOvmfPath))
          : "    <boot dev='hd'/>\n";
  std::string sysinfo;
  if (!s.oem_strings.empty()) {
    boot += "    <smbios mode='sysinfo'/>\n";
    sysinfo = "  <sysinfo type='smbios'>\n    <oemStrings>\n";
    for (const std::string& entry : s.oem_strings)
      sysinfo += fmt::format("      <entry>{}</entry>\n", XmlEscape(entry));
    sysinfo += "    </oemStrings>\n  </sysinfo>\n";
  }
  std::string tcg = s.virt_type == "qemu"
                        ? fmt::format("<tcg><tb-cache unit='MiB'>{}</tb-cache></tcg>", kTbCacheMib)
                        : "";
  return fmt::format(
      "<domain type='{}'>\n"
      "  <name>{}</name>\n"
      "  {}\n"
      "  <memory unit='MiB'>{}</memory>\n"
      "  <vcpu>{}</vcpu>\n"
      "{}"
      "  <os>\n"
      "    <type arch='x86_64' machine='pc'>hvm</type>\n"
      "{}"
      "  </os>\n"
      "  <features><acpi/>{}</features>\n"
      "  <clock offset='utc'/>\n"
      "  <on_poweroff>destroy</on_poweroff>\n"
      "  <on_reboot>destroy</on_reboot>\n"
      "  <on_crash>destroy</on_crash>\n"
      "  <devices>\n"
      "    <disk type='file' device='disk'>\n"
      "      <driver name='qemu' type='qcow2'/>\n"
      "      <source file='{}'/>\n"
      "      <target dev='vda' bus='virtio'/>\n"
      "    </disk>\n"
      "{}"
      "{}"
      "    <serial type='pty'><target port='0'/></serial>\n"
      "    <console type='pty'><target type='serial' port='0'/></console>\n"
      "    <channel type='unix'>\n"
      "      <source mode='bind'/>\n"
      "      <target type='virtio' name='{}'/>\n"
      "    </channel>\n"
      "    <channel type='unix'>\n"
      "      <source mode='bind'/>\n"
      "      <target type='virtio' name='{}'/>\n"
      "    </channel>\n"
      "    <memballoon model='none'/>\n"
      "  </devices>\n"
      "</domain>\n",
      XmlEscape(s.virt_type), XmlEscape(s.name), OwnershipMetadataXml(s.run_id), s.memory_mib,
      s.vcpus, sysinfo, boot, tcg, XmlEscape(s.root_disk), config_drive, nics, kProbeChannelName,
      kHistoryChannelName);
}

}  // namespace bootstorm
