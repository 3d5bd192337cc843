#include "doctor.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <sstream>
#include <stdexcept>

#include "guest_network.h"
#include "run_lock.h"
#include "test_dirs.h"
#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

using Status = DoctorFinding::Status;
constexpr std::uint64_t kMiB = 1024 * 1024;

TEST(DoctorRender, OneLinePerFindingAndFixesOnlyForWarnAndFail) {
  std::string text = RenderFindings({
      {"memory", Status::kOk, "4096 MiB available", "unused fix"},
      {"accelerator", Status::kWarn, "qemu: TCG", "ci/libvirt-up"},
      {"guest image", Status::kFail, "image/base.qcow2 is missing", "ci/setup"},
  });
  EXPECT_EQ(text,
            "ok    memory: 4096 MiB available\n"
            "warn  accelerator: qemu: TCG\n"
            "      fix: ci/libvirt-up\n"
            "FAIL  guest image: image/base.qcow2 is missing\n"
            "      fix: ci/setup\n");
}

TEST(DoctorExitCode, WarningsPassAnyFailureIsThree) {
  EXPECT_EQ(DoctorExitCode({}), ExitCode::kPass);
  EXPECT_EQ(DoctorExitCode({{"a", Status::kOk, "", ""}, {"b", Status::kWarn, "", "x"}}),
            ExitCode::kPass);
  EXPECT_EQ(DoctorExitCode({{"a", Status::kWarn, "", "x"}, {"b", Status::kFail, "", "y"}}),
            ExitCode::kInfra);
}

TEST(DoctorDisk, WarnsBelowTwoGibFailsBelowFiveHundredMib) {
  EXPECT_EQ(DiskFinding("disk", "/d", 2048 * kMiB, "clean /d").status, Status::kOk);
  EXPECT_EQ(DiskFinding("disk", "/d", 2048 * kMiB - 1, "clean /d").status, Status::kWarn);
  EXPECT_EQ(DiskFinding("disk", "/d", 500 * kMiB, "clean /d").status, Status::kWarn);
  DoctorFinding fail = DiskFinding("disk", "/d", 500 * kMiB - 1, "clean /d");
  EXPECT_EQ(fail.status, Status::kFail);
  EXPECT_EQ(fail.detail, "499 MiB free in /d (below 500 MiB)");
  EXPECT_EQ(fail.fix, "clean /d");
  EXPECT_EQ(DiskFinding("disk", "/d", 3 * 1024 * kMiB, "").detail, "3.0 GiB free in /d");
}

TEST(DoctorMemory, SaysHowManyVmsFitAndWarnsBelowOne) {
  DoctorFinding ok = MemoryFinding(3 * 768, 2, 512);
  EXPECT_EQ(ok.status, Status::kOk);
  EXPECT_EQ(ok.detail,
            "2304 MiB available, 768 MiB per VM (512 guest + 256 QEMU): 3 VMs fit, 2 at once by "
            "default (2 CPUs)");
  EXPECT_EQ(MemoryFinding(768, 8, 512).status, Status::kOk);
  DoctorFinding warn = MemoryFinding(767, 8, 512);
  EXPECT_EQ(warn.status, Status::kWarn);
  EXPECT_NE(warn.detail.find("not even 1 VM fits"), std::string::npos);
  EXPECT_FALSE(warn.fix.empty());
}

TEST(DoctorMemory, ParsesMemAvailable) {
  std::istringstream meminfo(
      "MemTotal:       16384000 kB\nMemFree:  1000 kB\nMemAvailable:    2097152 kB\n");
  EXPECT_EQ(ParseMemAvailableMib(meminfo), 2048);
  std::istringstream without("MemTotal: 1 kB\n");
  EXPECT_EQ(ParseMemAvailableMib(without), 0);
}

TEST(DoctorAccelerator, KvmOkTcgWarnsWithTheProbesReason) {
  EXPECT_EQ(AcceleratorFinding("kvm", true, "yes").status, Status::kOk);
  DoctorFinding no_device = AcceleratorFinding("qemu", false, "");
  EXPECT_EQ(no_device.status, Status::kWarn);
  EXPECT_NE(no_device.detail.find("TCG"), std::string::npos);
  EXPECT_NE(no_device.detail.find("no /dev/kvm"), std::string::npos);
  DoctorFinding probed = AcceleratorFinding("qemu", true, "no: nested KVM does not boot");
  EXPECT_EQ(probed.status, Status::kWarn);
  EXPECT_NE(probed.detail.find("unusable (no: nested KVM does not boot)"), std::string::npos);
  EXPECT_NE(probed.fix.find("ci/libvirt-up"), std::string::npos);
}

TEST(DoctorImage, MissingFolderFailsWithCiSetup) {
  DoctorFinding f = CheckGuestImage("/nonexistent/bootstorm-image");
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_NE(f.detail.find("base.qcow2 is missing"), std::string::npos);
  EXPECT_NE(f.fix.find("ci/setup"), std::string::npos);
}

TEST(DoctorTool, MissingProgramFailsWithInstallCommand) {
  DoctorFinding f = CheckTool("bootstorm-no-such-tool");
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_NE(f.fix.find("apt-get install"), std::string::npos);
}

/// Refuses the first `busy` subnets as "in use" and records what it did.
class NetworkHypervisor : public UnusedHypervisor {
 public:
  int busy = 0;
  std::string fail_with;
  std::vector<RunNetwork> created;  ///< also the refused ones
  std::vector<std::string> destroyed;
  bool locked_while_creating = false;

  void CreateNetwork(const RunNetwork& network) override {
    locked_while_creating = IsRunAlive("0d0c7e57");
    if (!fail_with.empty()) throw std::runtime_error(fail_with);
    created.push_back(network);
    if (created.size() <= static_cast<size_t>(busy))
      throw std::runtime_error("network is already in use by interface virbr0");
  }
  void DestroyNetwork(const std::string& name) override { destroyed.push_back(name); }
};

class DoctorNetwork : public LockDirTest {};

TEST_F(DoctorNetwork, TakesTheFirstFreeSubnetUnderTheLockAndRemovesIt) {
  NetworkHypervisor hv;
  hv.busy = 2;
  DoctorFinding f = CheckIsolatedNetwork(hv, "0d0c7e57");
  EXPECT_EQ(f.status, Status::kOk) << f.detail;
  ASSERT_EQ(hv.created.size(), 3u);
  EXPECT_EQ(hv.created[2], MakeRunNetwork("0d0c7e57", 2));
  EXPECT_EQ(hv.destroyed, std::vector<std::string>{MakeRunNetwork("0d0c7e57", 2).name});
  EXPECT_TRUE(hv.locked_while_creating);
  EXPECT_FALSE(IsRunAlive("0d0c7e57"));
}

TEST_F(DoctorNetwork, OtherErrorsFailWithAFix) {
  NetworkHypervisor hv;
  hv.fail_with = "Cannot find dnsmasq binary";
  DoctorFinding f = CheckIsolatedNetwork(hv, "0d0c7e57");
  EXPECT_EQ(f.status, Status::kFail);
  EXPECT_NE(f.detail.find("dnsmasq"), std::string::npos);
  EXPECT_NE(f.fix.find("dnsmasq-base"), std::string::npos);
  EXPECT_EQ(hv.created.size(), 0u);
}

}  // namespace
}  // namespace bootstorm
