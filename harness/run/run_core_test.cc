// The run core (RunHost, RunVm, BootRunner) driven by the scripted fake
// hypervisor: retries, the recovery boot of a power cut, cancellation and a
// lost connection, with what each leaves on the host and in the store.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "boot_history.h"
#include "boots_log.h"
#include "cancellation.h"
#include "disk_archive.h"
#include "fake_hypervisor.h"
#include "guest_image.h"
#include "interruption.h"
#include "observation.h"
#include "run_host.h"
#include "run_store.h"
#include "scenario.h"
#include "test_dirs.h"

namespace bootstorm {
namespace {

constexpr std::string_view kRunId = "0123abcd";

std::string Line(int vm, int boot, std::string_view checkpoint) {
  Observation o;
  o.run_id = std::string(kRunId);
  o.vm = vm;
  o.boot = boot;
  o.checkpoint = std::string(checkpoint);
  o.nm_active_state = "active";
  o.timeline = {{std::string(kUnitEarly), std::string(kEventActiveEnter), 1},
                {std::string(kUnitLocal), std::string(kEventActiveEnter), 2},
                {std::string(kUnitNetwork), std::string(kEventActiveEnter), 3},
                {std::string(kUnitFinal), std::string(kEventInactiveExit), 4}};
  return SerializeObservation(o) + "\n";
}

/// A guest whose agent runs through: final, then end.
BootScript Completes(int vm, int boot) {
  return [=](FakeBoot& b) {
    b.events->OnChannelData(Line(vm, boot, kCheckpointFinal));
    b.events->OnChannelData(Line(vm, boot, kCheckpointEnd));
  };
}

/// A domain that crashes before the agent's end (an infra error).
BootScript Crashes(FakeHypervisor& hv) {
  return [&hv](FakeBoot& b) {
    hv.StopDomain(b.spec.name);
    b.events->OnStopped("crashed");
  };
}

class RunCoreTest : public LockDirTest {
 protected:
  void SetUp() override {
    LockDirTest::SetUp();
    dir_ = FreshTestTempDir("run-core");
    image_dir_ = FreshTestTempDir("run-core-image");  // none: direct kernel boot
    auto fake = std::make_unique<FakeHypervisor>();
    hv_ = fake.get();
    fake_ = std::move(fake);
  }

  /// Runs VM 0 of a scenario with `boots` boots on one host of the fake.
  void Run(int boots, const ExplicitPlans* plans = nullptr) {
    scenario_ = ParseScenario(fmt::format(R"({{"name": "t", "vms": 1, "boots": {},
      "network": {{"nameservers": ["192.0.2.53"]}}, "checks": ["boot-completes"]}})",
                                          boots),
                              "t.json");
    store_.emplace(dir_, false, 0, cancellation_);
    progress_.emplace(boots, false, stderr);
    RunContext shared;
    shared.scenario = &*scenario_;
    shared.run_id = std::string(kRunId);
    shared.explicit_plans = plans;
    shared.connect = [this](const std::string& uri) {
      EXPECT_EQ(uri, hv_->uri());
      return std::move(fake_);
    };
    shared.store = &*store_;
    shared.progress = &*progress_;
    shared.cancellation = &cancellation_;
    host_.emplace(HostSpec{hv_->uri()}, std::vector<PendingVm>{{0, 1}}, std::nullopt, shared);
    host_->Connect();
    host_->Prepare(image_dir_, 1 << 30);
    ASSERT_TRUE(host_->ok()) << host_->record().setup_error;
    host_->set_jobs(1);
    host_->Run();  // the host stays connected: hv_ lives until host_ goes
  }

  std::vector<RecordedBoot> Boots() const { return ReadBootsLog(dir_ / "boots.jsonl").boots; }

  std::filesystem::path dir_;
  std::filesystem::path image_dir_;
  std::unique_ptr<Hypervisor> fake_;
  FakeHypervisor* hv_ = nullptr;
  std::optional<Scenario> scenario_;
  std::optional<RunStore> store_;
  std::optional<Progress> progress_;
  Cancellation cancellation_;
  std::optional<RunHost> host_;
};

TEST_F(RunCoreTest, RetriesAnInfraErrorWithTheSamePlanOnTheSameDiskAndCountsOnce) {
  hv_->Script(Crashes(*hv_));
  hv_->Script(Completes(0, 1));
  Run(1);

  std::vector<FakeBoot> starts = hv_->starts();
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(starts[0].spec, starts[1].spec);  // same plan (kernel command line), same disks
  std::vector<std::string> backings = hv_->overlay_backings();
  ASSERT_EQ(backings.size(), 2u);
  EXPECT_EQ(backings[0], backings[1]);  // the retry's layer starts from the same disk state
  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  // The plan both attempts carried is the one recorded, on a layer made anew
  // under the same name.
  EXPECT_EQ(starts[1].spec.cmdline, GuestKernelCmdline(EncodePlanForCmdline(boots[0].boot.plan)));
  EXPECT_EQ(starts[1].spec.root_disk, "/fake-pool/bootstorm-0123abcd-vm000-boot1.qcow2");
  EXPECT_EQ(boots[0].boot.outcome, Outcome::kPass);
  ASSERT_EQ(boots[0].boot.retried_infra_errors.size(), 1u);
  EXPECT_NE(boots[0].boot.retried_infra_errors[0].find("crashed"), std::string::npos);
  EXPECT_TRUE(hv_->Existing().empty());
}

TEST_F(RunCoreTest, PowerCutIsFollowedByARecoveryBootOnTheSameLayer) {
  BootPlan plan;
  plan.run_id = std::string(kRunId);
  plan.faults = {Fault{.kind = std::string(kFaultPowerCut), .ms = 1}};
  ExplicitPlans plans = {{plan}};
  hv_->Script([](FakeBoot& b) {  // the power cut comes after the early observation
    b.events->OnChannelData(Line(0, 1, kCheckpointEarly));
  });
  hv_->Script(Completes(0, 1));
  Run(1, &plans);

  std::vector<FakeBoot> starts = hv_->starts();
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(hv_->overlay_backings().size(), 1u);  // both parts boot one layer
  std::string layer = "/fake-pool/bootstorm-0123abcd-vm000-boot1.qcow2";
  EXPECT_EQ(starts[0].spec.root_disk, layer);
  EXPECT_EQ(starts[1].spec.root_disk, layer);
  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  const BootRecord& b = boots[0].boot;
  // The interrupted part carries the whole plan, the recovery boot the plan
  // without its power cut.
  EXPECT_EQ(starts[0].spec.cmdline, GuestKernelCmdline(EncodePlanForCmdline(b.plan)));
  EXPECT_EQ(starts[1].spec.cmdline, GuestKernelCmdline(EncodePlanForCmdline(RecoveryPlan(b.plan))));
  EXPECT_NE(starts[0].spec.cmdline, starts[1].spec.cmdline);
  EXPECT_EQ(b.outcome, Outcome::kPass) << b.infra_error;
  EXPECT_TRUE(b.retried_infra_errors.empty());
  ASSERT_EQ(b.observations.size(), 3u);
  EXPECT_EQ(b.observations[0].part, kPartInterrupted);
  EXPECT_EQ(b.observations[2].part, "");
  ASSERT_EQ(b.injections.size(), 1u);
  EXPECT_EQ(b.injections[0].kind, kFaultPowerCut);
  EXPECT_FALSE(b.interrupted_console_log.empty());
  EXPECT_TRUE(hv_->Existing().empty());
}

TEST_F(RunCoreTest, StartsTheVmOnTheRunsNetworkWithItsMacsConfigDriveAndOwner) {
  hv_->Script(Completes(0, 1));
  Run(1);

  std::vector<FakeBoot> starts = hv_->starts();
  ASSERT_EQ(starts.size(), 1u);
  const DomainSpec& spec = starts[0].spec;
  EXPECT_EQ(spec.name, VmDomainName(kRunId, 0));
  EXPECT_EQ(spec.run_id, kRunId);  // its ownership mark
  std::vector<RunNetwork> networks = hv_->created_networks();
  ASSERT_EQ(networks.size(), 1u);
  EXPECT_EQ(networks[0], MakeRunNetwork(kRunId, 0, RunNetworkOptionsFor(*scenario_)));
  EXPECT_EQ(spec.network, networks[0].name);
  EXPECT_EQ(spec.macs, VmMacs(kRunId, 0, 1));
  EXPECT_EQ(spec.config_drive, "/fake-pool/bootstorm-0123abcd-vm000-config.iso");
  EXPECT_EQ(spec.kernel, "/fake-pool/bootstorm-0123abcd-vmlinuz");
  EXPECT_EQ(spec.initrd, "/fake-pool/bootstorm-0123abcd-initrd.img");
  EXPECT_TRUE(spec.oem_strings.empty());  // the plan is on the kernel command line
}

TEST_F(RunCoreTest, ADiskBootingImageStartsUnderItsFirmwareWithThePlanInAnOemString) {
  std::filesystem::create_directories(image_dir_);
  std::ofstream(image_dir_ / kSutFile) << R"({"boot": "disk", "firmware": "uefi"})";
  hv_->Script(Completes(0, 1));
  Run(1);

  std::vector<FakeBoot> starts = hv_->starts();
  ASSERT_EQ(starts.size(), 1u);
  const DomainSpec& spec = starts[0].spec;
  EXPECT_EQ(spec.kernel, "");
  EXPECT_EQ(spec.initrd, "");
  EXPECT_EQ(spec.cmdline, "");
  EXPECT_EQ(spec.firmware, Firmware::kUefi);
  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  EXPECT_EQ(spec.oem_strings, std::vector<std::string>{EncodePlanForCmdline(boots[0].boot.plan)});
}

TEST_F(RunCoreTest, CancellationMidBootRemovesEverythingAndKeepsFinishedBoots) {
  hv_->Script(Completes(0, 1));
  hv_->Script([this](FakeBoot& b) {
    b.events->OnChannelData(Line(0, 2, kCheckpointEarly));
    cancellation_.Cancel("Ctrl-C");
  });
  Run(2);

  EXPECT_EQ(hv_->starts().size(), 2u);  // no retry of the interrupted boot
  EXPECT_TRUE(hv_->Existing().empty());
  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);  // boot 2 stays unrecorded for --resume
  EXPECT_EQ(boots[0].boot.boot, 1);
  EXPECT_EQ(boots[0].boot.outcome, Outcome::kPass);
  EXPECT_TRUE(std::filesystem::exists(SavedLayerPath(dir_, 0, 1)));
}

TEST_F(RunCoreTest, LostConnectionIsAnInfraErrorNamingTheHostWithoutAVerdict) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    hv_->Script([](FakeBoot& b) {
      b.events->OnChannelData(Line(0, 1, kCheckpointEarly));
      b.events->OnConnectionLost("daemon restarted");
    });
  }
  Run(2);

  EXPECT_EQ(hv_->starts().size(), 3u);  // the boot and its two retries; no boot 2
  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  const BootRecord& b = boots[0].boot;
  EXPECT_EQ(b.outcome, Outcome::kInfraError);
  EXPECT_EQ(b.infra_error, ConnectionLostMessage(hv_->uri(), "daemon restarted"));
  EXPECT_TRUE(b.checks.empty());  // no verdict on the system under test
  EXPECT_EQ(b.retried_infra_errors.size(), 2u);
  EXPECT_TRUE(hv_->Existing().empty());
}

/// One line of the observer: an address added at guest time `us`.
std::string HistoryLine(std::uint64_t seq, std::int64_t us) {
  HistoryEvent e;
  e.kind = std::string(kHistoryAddress);
  e.seq = seq;
  e.monotonic_us = us;
  e.op = "add";
  e.address = "198.51.100.20/24";
  return SerializeHistoryEvent(e) + "\n";
}

TEST_F(RunCoreTest, StoresTheObserversHistoryWithTheCheckpointsBesideTheConsoleLog) {
  hv_->Script([](FakeBoot& b) {
    // The observation's guest time is 0 (Line): the observer's events come
    // after the final checkpoint, and one arrives after `end`, at shutdown.
    b.events->OnHistoryData(HistoryLine(1, 5));
    b.events->OnChannelData(Line(0, 1, kCheckpointFinal));
    b.events->OnHistoryData(HistoryLine(2, 7).substr(0, 10));  // split across reads
    b.events->OnHistoryData(HistoryLine(2, 7).substr(10));
    b.events->OnChannelData(Line(0, 1, kCheckpointEnd));
    b.events->OnHistoryData(HistoryLine(3, 9));
  });
  Run(1);

  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  EXPECT_EQ(boots[0].boot.outcome, Outcome::kPass) << boots[0].boot.infra_error;
  std::vector<HistoryEvent> history = ReadBootHistory(dir_, boots[0].boot.console_log);
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].name, kCheckpointFinal);  // guest time 0
  EXPECT_EQ(history[1].name, kCheckpointEnd);
  EXPECT_EQ(history[2].seq, 1u);
  EXPECT_EQ(history[3].seq, 2u);
  EXPECT_EQ(history[4].seq, 3u);
}

TEST_F(RunCoreTest, AMalformedHistoryLineIsAnInfraErrorOfTheBoot) {
  hv_->Script([](FakeBoot& b) {
    b.events->OnHistoryData("{\"v\": 1, \"kind\": \"resolv-conf\"}\n");
    b.events->OnChannelData(Line(0, 1, kCheckpointEnd));
  });
  hv_->Script(Completes(0, 1));
  Run(1);

  std::vector<RecordedBoot> boots = Boots();
  ASSERT_EQ(boots.size(), 1u);
  ASSERT_EQ(boots[0].boot.retried_infra_errors.size(), 1u);
  EXPECT_NE(boots[0].boot.retried_infra_errors[0].find("malformed history event from the guest"),
            std::string::npos)
      << boots[0].boot.retried_infra_errors[0];
  EXPECT_EQ(boots[0].boot.outcome, Outcome::kPass);
  // The retry's guest sent no history: it has no file.
  EXPECT_FALSE(std::filesystem::exists(dir_ / HistoryLogName(boots[0].boot.console_log)));
}

}  // namespace
}  // namespace bootstorm
