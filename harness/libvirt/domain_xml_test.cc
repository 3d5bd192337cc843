#include "domain_xml.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "ownership_mark.h"

namespace bootstorm {
namespace {

DomainSpec Spec(const std::string& virt_type) {
  DomainSpec spec;
  spec.name = "vm";
  spec.run_id = "0d89c574";
  spec.virt_type = virt_type;
  spec.network = "net";
  spec.macs = {"52:54:00:00:00:01"};
  return spec;
}

TEST(DomainXml, CapsTheTcgTranslationCacheUnderTcgOnly) {
  EXPECT_NE(DomainXml(Spec("qemu")).find("<features><acpi/><tcg><tb-cache unit='MiB'>"),
            std::string::npos);
  // libvirt rejects TCG features in a KVM domain.
  std::string kvm = DomainXml(Spec("kvm"));
  EXPECT_EQ(kvm.find("<tcg>"), std::string::npos);
  EXPECT_NE(kvm.find("<features><acpi/></features>"), std::string::npos);
}

TEST(DomainXml, GuestSizeComesFromTheSpec) {
  DomainSpec spec = Spec("qemu");
  spec.memory_mib = 320;
  EXPECT_NE(DomainXml(spec).find("<memory unit='MiB'>320</memory>"), std::string::npos);
}

TEST(DomainXml, DirectKernelBootCarriesKernelInitrdAndCmdline) {
  DomainSpec spec = Spec("qemu");
  spec.kernel = "/v/vmlinuz";
  spec.initrd = "/v/initrd.img";
  spec.cmdline = "root=/dev/vda bootstorm.plan=x";
  std::string xml = DomainXml(spec);
  EXPECT_NE(xml.find("<kernel>/v/vmlinuz</kernel>"), std::string::npos);
  EXPECT_NE(xml.find("<cmdline>root=/dev/vda bootstorm.plan=x</cmdline>"), std::string::npos);
  EXPECT_EQ(xml.find("<boot dev="), std::string::npos);
  EXPECT_EQ(xml.find("<sysinfo"), std::string::npos);
}

TEST(DomainXml, DiskBootHasNoKernelAndCarriesThePlanInAnOemString) {
  DomainSpec spec = Spec("qemu");
  spec.oem_strings = {"bootstorm.plan=a<b"};
  std::string xml = DomainXml(spec);
  EXPECT_EQ(xml.find("<kernel>"), std::string::npos);
  EXPECT_EQ(xml.find("<initrd>"), std::string::npos);
  EXPECT_EQ(xml.find("<cmdline>"), std::string::npos);
  EXPECT_NE(xml.find("<boot dev='hd'/>"), std::string::npos);
  EXPECT_EQ(xml.find("<loader"), std::string::npos) << "SeaBIOS, libvirt's default";
  EXPECT_NE(xml.find("<smbios mode='sysinfo'/>"), std::string::npos);
  EXPECT_NE(xml.find("<sysinfo type='smbios'>\n    <oemStrings>\n      "
                     "<entry>bootstorm.plan=a&lt;b</entry>"),
            std::string::npos)
      << xml;
}

TEST(DomainXml, UefiDiskBootLoadsOvmfAsARomWithNoNvram) {
  DomainSpec spec = Spec("qemu");
  spec.firmware = Firmware::kUefi;
  std::string xml = DomainXml(spec);
  EXPECT_NE(xml.find(std::string("<loader readonly='yes' type='rom'>") + kOvmfPath + "</loader>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("<nvram"), std::string::npos) << "nothing per domain to remove";
  spec.kernel = "/k";
  EXPECT_EQ(DomainXml(spec).find("<loader"), std::string::npos) << "direct kernel boot: SeaBIOS";
}

TEST(DomainXml, TheConfigDriveAndNicsAreTheElementsHotPlugAndLinkStateUse) {
  DomainSpec spec = Spec("qemu");
  spec.config_drive = "/pool/config.iso";
  spec.macs.push_back("52:54:00:00:00:02");
  std::string xml = DomainXml(spec);
  EXPECT_NE(xml.find(ConfigDriveXml("/pool/config.iso")), std::string::npos) << xml;
  std::string nics =
      InterfaceXml("net", "52:54:00:00:00:01") + InterfaceXml("net", "52:54:00:00:00:02");
  EXPECT_NE(xml.find(nics), std::string::npos) << xml;
  spec.config_drive.clear();
  EXPECT_EQ(DomainXml(spec).find("vdb"), std::string::npos) << "late-config: no drive at start";
}

TEST(ConfigDriveXml, IsAReadOnlyVirtioDiskVdb) {
  std::string xml = ConfigDriveXml("/pool/config.iso");
  EXPECT_NE(xml.find("<source file='/pool/config.iso'/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<target dev='vdb' bus='virtio'/>"), std::string::npos);
  EXPECT_NE(xml.find("<readonly/>"), std::string::npos);
}

TEST(InterfaceXml, NamesTheNicByMacOnItsNetworkWithItsLinkState) {
  std::string down = InterfaceXml("net", "52:54:00:00:00:01", false);
  EXPECT_NE(down.find("<source network='net'/>"), std::string::npos) << down;
  EXPECT_NE(down.find("<mac address='52:54:00:00:00:01'/>"), std::string::npos);
  EXPECT_NE(down.find("<link state='down'/>"), std::string::npos);
  EXPECT_NE(InterfaceXml("net", "52:54:00:00:00:01", true).find("<link state='up'/>"),
            std::string::npos);
}

TEST(DomainXml, CarriesTheOwnershipMarkOfItsRun) {
  EXPECT_EQ(RunIdOfMarkIn(DomainXml(Spec("qemu"))), "0d89c574");
  DomainSpec unowned = Spec("qemu");
  unowned.run_id.clear();
  EXPECT_THROW(DomainXml(unowned), std::invalid_argument);
}

}  // namespace
}  // namespace bootstorm
