// `bootstorm doctor` against the real libvirt daemon and guest image
// (CTest label "integration"): a set-up machine passes, a missing image
// fails with a fix, and the throwaway network leaves nothing behind.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "cli_test_support.h"
#include "doctor.h"

namespace bootstorm {
namespace {

using Status = DoctorFinding::Status;

std::string ProbeId() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

/// The default guest image folder, <build>/image, beside the built binary.
std::filesystem::path ImageDir() {
  return std::filesystem::path(BootstormBinary()).parent_path() / "image";
}

const DoctorFinding& Find(const std::vector<DoctorFinding>& findings, std::string_view check) {
  for (const DoctorFinding& f : findings) {
    if (f.check == check) return f;
  }
  throw std::out_of_range(std::string(check));
}

TEST(DoctorIntegration, SetUpMachinePasses) {
  std::string id = ProbeId();
  std::vector<DoctorFinding> findings = RunDoctorChecks(TestUri(), ImageDir(), id);
  std::string rendered = RenderFindings(findings);
  std::printf("%s", rendered.c_str());  // the real doctor output, for the log
  for (std::string_view check : {"libvirt connection", "guest image", "isolated network",
                                 "disk (storage pool)", "tool genisoimage", "tool qemu-img"})
    EXPECT_EQ(Find(findings, check).status, Status::kOk) << rendered;
  EXPECT_NE(Find(findings, "accelerator").status, Status::kFail) << rendered;
  EXPECT_EQ(DoctorExitCode(findings), ExitCode::kPass) << rendered;
  EXPECT_EQ(LeftoversOf(id), std::vector<std::string>{});
}

TEST(DoctorIntegration, MissingImageFailsWithCiSetup) {
  std::string id = ProbeId();
  std::vector<DoctorFinding> findings =
      RunDoctorChecks(TestUri(), "/nonexistent/bootstorm-image", id);
  const DoctorFinding& image = Find(findings, "guest image");
  EXPECT_EQ(image.status, Status::kFail);
  EXPECT_NE(image.fix.find("ci/setup"), std::string::npos);
  EXPECT_EQ(DoctorExitCode(findings), ExitCode::kInfra);
  EXPECT_EQ(LeftoversOf(id), std::vector<std::string>{});
}

TEST(DoctorIntegration, NoDaemonFailsTheLibvirtChecksAndRunsTheRest) {
  std::vector<DoctorFinding> findings = RunDoctorChecks(
      "qemu+unix:///system?socket=/nonexistent/libvirt-sock", ImageDir(), ProbeId());
  EXPECT_EQ(Find(findings, "libvirt connection").status, Status::kFail);
  EXPECT_NE(Find(findings, "libvirt connection").fix.find("ci/libvirt-up"), std::string::npos);
  for (std::string_view check : {"accelerator", "isolated network", "disk (storage pool)"})
    EXPECT_EQ(Find(findings, check).detail, "needs the libvirt connection");
  EXPECT_EQ(Find(findings, "tool qemu-img").status, Status::kOk);
  EXPECT_EQ(DoctorExitCode(findings), ExitCode::kInfra);
}

}  // namespace
}  // namespace bootstorm
