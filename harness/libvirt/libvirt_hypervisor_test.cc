// LibvirtHypervisor against libvirt's in-process test driver: no daemon,
// no VM boots.
#include "libvirt_hypervisor.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "garbage_collector.h"
#include "ownership_mark.h"

namespace bootstorm {
namespace {

using Kind = HypervisorResource::Kind;

/// Starts a test-driver domain `name` with `metadata` (empty: none).
void StartTestDomain(LibvirtHypervisor& hv, const std::string& name, const std::string& metadata) {
  std::string xml = fmt::format(
      "<domain type='test'><name>{}</name>{}<memory unit='MiB'>64</memory>"
      "<os><type>hvm</type></os></domain>",
      name, metadata);
  virDomainPtr dom = virDomainCreateXML(hv.connection().Live()->conn, xml.c_str(), 0);
  ASSERT_NE(dom, nullptr) << LastLibvirtError();
  virDomainFree(dom);
}

TEST(LibvirtHypervisor, ListsTheOwnershipMarksOfDomainsAndNetworks) {
  LibvirtHypervisor hv("test:///default");
  StartTestDomain(hv, "bootstorm-deadbeef-vm000", OwnershipMetadataXml("deadbeef"));
  StartTestDomain(hv, "bootstorm-deadbeef-vm001", "");
  StartTestDomain(hv, "bootstorm-deadbeef-vm002", OwnershipMetadataXml("11111111"));
  hv.CreateNetwork(MakeRunNetwork("deadbeef"));
  // Without a mark, as another tool would make it: not through the seam,
  // whose networks always carry their run's.
  NetworkHandle unmarked(virNetworkCreateXML(
      hv.connection().Live()->conn,
      "<network><name>bootstorm-22222222</name><bridge name='bs-2222'/></network>"));
  ASSERT_TRUE(unmarked) << LastLibvirtError();

  std::vector<HypervisorResource> listed = hv.ListResources(kResourcePrefix);
  std::sort(listed.begin(), listed.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  EXPECT_EQ(listed, (std::vector<HypervisorResource>{
                        {Kind::kNetwork, "bootstorm-22222222"},
                        {Kind::kNetwork, "bootstorm-deadbeef", "deadbeef"},
                        {Kind::kDomain, "bootstorm-deadbeef-vm000", "deadbeef"},
                        {Kind::kDomain, "bootstorm-deadbeef-vm001"},
                        {Kind::kDomain, "bootstorm-deadbeef-vm002", "11111111"}}));

  GarbageReport report = CollectGarbage(hv, [](const std::string&) {
    return RunLiveness{RunLiveness::kDead, ""};
  });
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.removed.size(), 2u);
  EXPECT_EQ(report.kept_unmarked.size(), 3u);
  EXPECT_EQ(hv.ListResources("bootstorm-deadbeef").size(), 2u);  // vm001 and vm002 stay
}

}  // namespace
}  // namespace bootstorm
