#include "recorded_run.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Scenario TwoByThree() {
  Scenario s;
  s.name = "s";
  s.vms = 2;
  s.boots = 3;
  return s;
}

RecordedBoot Boot(int vm, int boot, Outcome outcome, double run_seconds = 10) {
  RecordedBoot r;
  r.vm = vm;
  r.run_seconds = run_seconds;
  r.boot.boot = boot;
  r.boot.outcome = outcome;
  return r;
}

std::string ErrorOf(const std::vector<RecordedBoot>& recorded) {
  try {
    PendingVms(TwoByThree(), recorded, "run/boots.jsonl");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

constexpr Outcome kPass = Outcome::kPass;
constexpr Outcome kSut = Outcome::kSutFailure;
constexpr Outcome kInfra = Outcome::kInfraError;

TEST(RecordedRun, NothingRecordedLeavesEveryVmFromBootOne) {
  EXPECT_EQ(PendingVms(TwoByThree(), {}, "b"), (std::vector<PendingVm>{{0, 1}, {1, 1}}));
  EXPECT_EQ(BootsToRun(TwoByThree(), {{0, 1}, {1, 1}}), 6);
}

TEST(RecordedRun, VmsContinueAtTheirFirstUnrecordedBoot) {
  std::vector<RecordedBoot> recorded = {Boot(1, 1, kSut), Boot(0, 1, kPass), Boot(0, 2, kPass)};
  std::vector<PendingVm> pending = PendingVms(TwoByThree(), recorded, "b");
  EXPECT_EQ(pending, (std::vector<PendingVm>{{0, 3}, {1, 2}}));
  EXPECT_EQ(BootsToRun(TwoByThree(), pending), 3);
}

TEST(RecordedRun, AllBootsOrAnInfraErrorFinishAVm) {
  std::vector<RecordedBoot> recorded = {Boot(0, 1, kPass), Boot(0, 2, kSut), Boot(0, 3, kPass),
                                        Boot(1, 1, kPass), Boot(1, 2, kInfra)};
  EXPECT_EQ(PendingVms(TwoByThree(), recorded, "b"), std::vector<PendingVm>{});
}

TEST(RecordedRun, RecordsThatDoNotFitTheScenarioAreErrors) {
  EXPECT_EQ(ErrorOf({Boot(2, 1, kPass)}),
            "run/boots.jsonl: vm 2 boot 1 is outside the scenario's 2 VMs x 3 boots");
  EXPECT_EQ(ErrorOf({Boot(0, 4, kPass)}),
            "run/boots.jsonl: vm 0 boot 4 is outside the scenario's 2 VMs x 3 boots");
  EXPECT_EQ(ErrorOf({Boot(0, 1, kPass), Boot(0, 1, kPass)}),
            "run/boots.jsonl: vm 0 boot 1 is recorded twice");
  EXPECT_EQ(ErrorOf({Boot(0, 2, kPass)}),
            "run/boots.jsonl: vm 0 boot 2 is recorded without the boots before it");
  EXPECT_EQ(ErrorOf({Boot(0, 1, kInfra), Boot(0, 2, kPass)}),
            "run/boots.jsonl: vm 0 boot 2 is recorded after an infra error ended the VM");
}

TEST(RecordedRun, RecordGroupsBootsPerVmAndMarksUnfinishedVms) {
  RunManifest m;
  m.run_id = "0123abcd";
  m.scenario_file = "s.json";
  m.resumes = 1;
  m.hosts = {{{"test:///a", 1}, 0}};
  std::vector<RecordedBoot> recorded = {Boot(1, 1, kPass, 40), Boot(0, 2, kPass, 50),
                                        Boot(0, 1, kPass, 20), Boot(0, 3, kPass, 70)};
  RunRecord run = RunRecordFromBoots(m, TwoByThree(), recorded);
  EXPECT_EQ(run.run_id, "0123abcd");
  EXPECT_EQ(run.resumes, 1);
  EXPECT_EQ(run.vms_planned, 2);
  ASSERT_EQ(run.vms.size(), 2u);
  EXPECT_EQ(run.vms[0].domain, "bootstorm-0123abcd-vm000");
  ASSERT_EQ(run.vms[0].boots.size(), 3u);
  EXPECT_EQ(run.vms[0].boots[1].boot, 2);
  EXPECT_FALSE(run.vms[0].incomplete);
  EXPECT_TRUE(run.vms[1].incomplete);
  EXPECT_EQ(Summarize(run), (RunSummary{1, 0, 1}));
  EXPECT_EQ(RecordedRunSeconds(recorded), 70);
  EXPECT_EQ(RecordedRunSeconds({}), 0);
}

RunManifest TwoHosts() {
  RunManifest m;
  m.run_id = "0123abcd";
  m.hosts = {{{"test:///a", 2}, 0}, {{"test:///b", 1}, 4}};
  return m;
}

TEST(RecordedRun, VmsStayOnTheHostsPlaceVmsGivesThem) {
  Scenario three = TwoByThree();
  three.vms = 3;
  EXPECT_EQ(HostOfEachVm(TwoHosts(), 3), (std::vector<int>{0, 1, 0}));
  std::vector<PendingVm> pending = {{0, 2}, {1, 1}, {2, 3}};
  EXPECT_EQ(PendingPerHost(TwoHosts(), 3, pending),
            (std::vector<std::vector<PendingVm>>{{{0, 2}, {2, 3}}, {{1, 1}}}));
  EXPECT_EQ(PendingPerHost(TwoHosts(), 3, {{2, 1}}),
            (std::vector<std::vector<PendingVm>>{{{2, 1}}, {}}));
}

TEST(RecordedRun, RecordNamesEachVmsHostAndTheHostsShares) {
  Scenario three = TwoByThree();
  three.vms = 3;
  RunRecord run = RunRecordFromBoots(TwoHosts(), three,
                                     {Boot(0, 1, kPass), Boot(1, 1, kPass), Boot(2, 1, kInfra)});
  EXPECT_EQ(run.uri, "test:///a");
  ASSERT_EQ(run.vms.size(), 3u);
  EXPECT_EQ(run.vms[0].uri, "test:///a");
  EXPECT_EQ(run.vms[1].uri, "test:///b");
  EXPECT_EQ(run.vms[2].uri, "test:///a");
  ASSERT_EQ(run.hosts.size(), 2u);
  EXPECT_EQ(run.hosts[0], (HostRecord{"test:///a", 2, "", 2, 0, 0, ""}));
  EXPECT_EQ(run.hosts[1], (HostRecord{"test:///b", 1, "", 1, 0, 0, ""}));
}

}  // namespace
}  // namespace bootstorm
