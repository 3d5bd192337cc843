#include "gc_command.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "fake_hypervisor.h"
#include "guest_network.h"
#include "test_dirs.h"

namespace bootstorm {
namespace {

using Kind = HypervisorResource::Kind;

class GcCommand : public LockDirTest {};

TEST_F(GcCommand, RemovesADeadRunsMarkedResourcesAndLeavesOnesOnlyNamedLikeThem) {
  std::filesystem::create_directories(lock_dir_);  // no run holds a lock: all dead
  FakeHypervisor hv;
  hv.CreateNetwork(MakeRunNetwork("deadbeef"));
  hv.Plant({Kind::kNetwork, "bootstorm-22222222"});  // no mark
  RunNetwork foreign = MakeRunNetwork("44444444");
  foreign.name = "bootstorm-33333333";
  hv.CreateNetwork(foreign);
  hv.UploadVolume("bootstorm-deadbeef-vm000.qcow2", "/dev/null", VolumeFormat::kQcow2);
  DomainSpec spec;
  spec.name = "bootstorm-deadbeef-vm000";
  spec.run_id = "deadbeef";
  hv.Script([](FakeBoot&) {});
  auto marked = hv.StartDomain(spec, nullptr);
  hv.Plant({Kind::kDomain, "bootstorm-deadbeef-vm001"});  // named like the run's, no mark

  testing::internal::CaptureStderr();
  int errors = CollectDeadRuns(hv);
  std::string said = testing::internal::GetCapturedStderr();

  EXPECT_EQ(errors, 0);
  EXPECT_EQ(hv.Existing(),
            (std::vector<HypervisorResource>{{Kind::kDomain, "bootstorm-deadbeef-vm001"},
                                             {Kind::kNetwork, "bootstorm-22222222"},
                                             {Kind::kNetwork, "bootstorm-33333333", "44444444"}}));
  EXPECT_EQ(said,
            "gc: left domain bootstorm-deadbeef-vm001 on fake:///host: no bootstorm ownership "
            "mark\n"
            "gc: left network bootstorm-22222222 on fake:///host: no bootstorm ownership mark\n"
            "gc: left network bootstorm-33333333 on fake:///host: its ownership mark names run "
            "44444444, not 33333333\n");
}

}  // namespace
}  // namespace bootstorm
