#include "host_faults.h"

#include <gtest/gtest.h>

#include "observation.h"
#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

using std::chrono::milliseconds;
using Clock = HostFaults::Clock;

/// Records what the harness did to the domain.
class FakeDomain : public UnusedDomain {
 public:
  void RequestShutdown() override { calls.push_back("shutdown"); }
  void Destroy() override { calls.push_back("destroy"); }
  void AttachConfigDrive(const std::string& path) override { calls.push_back("attach " + path); }
  void SetLinkState(const std::string& mac, bool up) override {
    calls.push_back("link " + mac + (up ? " up" : " down"));
  }
  void SetVcpuQuota(std::optional<int> percent) override {
    calls.push_back(percent ? "quota " + std::to_string(*percent) : "quota none");
  }
  std::vector<std::string> calls;
};

DomainSpec Spec() {
  DomainSpec s;
  s.name = "vm";
  s.config_drive = "/pool/config.iso";
  s.network = "net";
  s.macs = {"52:54:00:00:00:01", "52:54:00:00:00:02"};
  return s;
}

Fault MakeFault(std::string_view kind, int ms, int percent = 0) {
  Fault f;
  f.kind = std::string(kind);
  f.ms = ms;
  f.percent = percent;
  return f;
}

BootPlan PlanWith(std::vector<Fault> faults) {
  BootPlan p;
  p.faults = std::move(faults);
  return p;
}

TEST(HostFaults, WithoutHostFaultsNothingIsScheduled) {
  FakeDomain d;
  std::vector<FaultInjection> injections;
  HostFaults faults(PlanWith({MakeFault(kFaultConnectionReup, 0)}), Spec(), &injections);
  EXPECT_EQ(faults.start_spec().config_drive, "/pool/config.iso");
  Clock::time_point t0 = Clock::now();
  faults.Started(&d, t0);
  faults.OnCheckpoint(kCheckpointFinal, t0 + milliseconds(5000));
  EXPECT_FALSE(faults.next_due());
  EXPECT_TRUE(d.calls.empty());
  EXPECT_TRUE(injections.empty());
}

TEST(HostFaults, LateConfigStartsWithoutTheDriveAndHotPlugsItAfterMs) {
  FakeDomain d;
  std::vector<FaultInjection> injections;
  HostFaults faults(PlanWith({MakeFault(kFaultLateConfig, 20000)}), Spec(), &injections);
  EXPECT_EQ(faults.start_spec().config_drive, "");
  EXPECT_EQ(faults.start_spec().macs, Spec().macs);
  Clock::time_point t0 = Clock::now();
  faults.Started(&d, t0);
  ASSERT_TRUE(faults.next_due());
  EXPECT_EQ(*faults.next_due(), t0 + milliseconds(20000));
  faults.ApplyDue(t0 + milliseconds(19999));
  EXPECT_TRUE(d.calls.empty());
  faults.ApplyDue(t0 + milliseconds(20100));
  ASSERT_EQ(d.calls.size(), 1u);
  EXPECT_EQ(d.calls[0], "attach /pool/config.iso");
  EXPECT_FALSE(faults.next_due());
  ASSERT_EQ(injections.size(), 1u);
  EXPECT_EQ(injections[0].kind, kFaultLateConfig);
  EXPECT_DOUBLE_EQ(injections[0].at_seconds, 20.1);
}

TEST(HostFaults, LinkFlapWaitsForTheFinalCheckpoint) {
  FakeDomain d;
  std::vector<FaultInjection> injections;
  HostFaults faults(PlanWith({MakeFault(kFaultLinkFlap, 8000)}), Spec(), &injections);
  Clock::time_point t0 = Clock::now();
  faults.Started(&d, t0);
  EXPECT_FALSE(faults.next_due());
  faults.OnCheckpoint(kCheckpointAfterNetwork, t0 + milliseconds(10000));
  EXPECT_FALSE(faults.next_due());
  faults.OnCheckpoint(kCheckpointFinal, t0 + milliseconds(30000));
  faults.ApplyDue(t0 + milliseconds(30000));
  ASSERT_EQ(d.calls.size(), 1u);
  EXPECT_EQ(d.calls[0], "link 52:54:00:00:00:01 down");  // the first NIC
  EXPECT_EQ(*faults.next_due(), t0 + milliseconds(38000));
  faults.ApplyDue(t0 + milliseconds(38000));
  ASSERT_EQ(d.calls.size(), 2u);
  EXPECT_EQ(d.calls[1], "link 52:54:00:00:00:01 up");
  ASSERT_EQ(injections.size(), 2u);
  EXPECT_EQ(injections[0].what, "link down");
  EXPECT_DOUBLE_EQ(injections[0].at_seconds, 30);
  EXPECT_EQ(injections[1].what, "link up");
  EXPECT_DOUBLE_EQ(injections[1].at_seconds, 38);
}

TEST(HostFaults, CpuStarveLimitsAtStartAndLiftsAfterMs) {
  FakeDomain d;
  std::vector<FaultInjection> injections;
  HostFaults faults(PlanWith({MakeFault(kFaultCpuStarve, 15000, 10)}), Spec(), &injections);
  EXPECT_EQ(faults.start_spec().config_drive, "/pool/config.iso");
  Clock::time_point t0 = Clock::now();
  faults.Started(&d, t0);
  EXPECT_EQ(d.calls, std::vector<std::string>{"quota 10"});
  EXPECT_EQ(*faults.next_due(), t0 + milliseconds(15000));
  faults.ApplyDue(t0 + milliseconds(15000));
  EXPECT_EQ(d.calls, (std::vector<std::string>{"quota 10", "quota none"}));
  ASSERT_EQ(injections.size(), 2u);
  EXPECT_EQ(injections[0].what, "vcpu_quota 10% of a host CPU");
  EXPECT_EQ(injections[1].what, "vcpu_quota lifted");
}

TEST(HostFaults, ActionsDueTogetherRunInTimeOrder) {
  FakeDomain d;
  std::vector<FaultInjection> injections;
  HostFaults faults(
      PlanWith({MakeFault(kFaultCpuStarve, 9000, 20), MakeFault(kFaultLateConfig, 3000)}), Spec(),
      &injections);
  Clock::time_point t0 = Clock::now();
  faults.Started(&d, t0);
  faults.ApplyDue(t0 + milliseconds(60000));  // a late wake-up applies both, in order
  ASSERT_EQ(d.calls.size(), 3u);
  EXPECT_EQ(d.calls[0], "quota 20");
  EXPECT_EQ(d.calls[1], "attach /pool/config.iso");
  EXPECT_EQ(d.calls[2], "quota none");
}

TEST(HostFaults, AFailedActionIsNotRecorded) {
  class FailingDomain : public FakeDomain {
    void AttachConfigDrive(const std::string&) override { throw std::runtime_error("no hot-plug"); }
  } d;
  std::vector<FaultInjection> injections;
  HostFaults faults(PlanWith({MakeFault(kFaultLateConfig, 0)}), Spec(), &injections);
  EXPECT_THROW(faults.Started(&d, Clock::now()), std::runtime_error);
  EXPECT_TRUE(injections.empty());
}

}  // namespace
}  // namespace bootstorm
