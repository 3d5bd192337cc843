#include "run_record.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

BootRecord Boot(Outcome o) {
  BootRecord b;
  b.outcome = o;
  return b;
}

TEST(RunRecord, VmOutcomePrefersSutFailureOverInfraError) {
  VmRecord vm;
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kInfraError), Boot(Outcome::kSutFailure)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kSutFailure);
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kInfraError)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kInfraError);
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kPass)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kPass);
  EXPECT_EQ(VmOutcome(VmRecord{}), Outcome::kInfraError);
}

TEST(RunRecord, SummaryCountsPerVmAndMissingVmsAsInfra) {
  RunRecord run;
  run.vms_planned = 4;
  run.vms.push_back({0, "a", {Boot(Outcome::kPass)}, "test:///a"});
  run.vms.push_back(
      {1, "b", {Boot(Outcome::kSutFailure), Boot(Outcome::kSutFailure)}, "test:///a"});
  run.vms.push_back({2, "c", {Boot(Outcome::kInfraError)}, "test:///a"});
  EXPECT_EQ(Summarize(run), (RunSummary{1, 1, 2}));
  nlohmann::json j = ToJson(run);
  EXPECT_EQ(j["summary"]["pass"], 1);
  EXPECT_EQ(j["summary"]["sut_failure"], 1);
  EXPECT_EQ(j["summary"]["infra_error"], 2);
  EXPECT_EQ(j["vms"][1]["outcome"], "sut_failure");
}

TEST(RunRecord, ExitCodes) {
  EXPECT_EQ(ExitCodeFor({3, 0, 0}), 0);
  EXPECT_EQ(ExitCodeFor({3, 1, 1}), 1);
  EXPECT_EQ(ExitCodeFor({3, 0, 1}), 3);
}

TEST(RunRecord, BootOutcomeFromChecks) {
  CheckResult ok{"a", true, "", nullptr, nullptr, ""};
  CheckResult bad{"b", false, "final", "x", "y", "differs"};
  EXPECT_EQ(BootOutcomeFromChecks({ok}), Outcome::kPass);
  EXPECT_EQ(BootOutcomeFromChecks({ok, bad}), Outcome::kSutFailure);
}

TEST(RunRecord, HostsAndEachVmsUri) {
  RunRecord run;
  run.uri = "test:///a";
  run.vms.push_back({0, "a", {Boot(Outcome::kPass)}, "test:///a"});
  run.hosts.push_back({"test:///a", 2, "qemu", 1, 1, 4.5, ""});
  run.hosts.push_back({"test:///b", 1, "", 0, 0, 0, "cannot connect"});
  nlohmann::json j = ToJson(run);
  EXPECT_EQ(j["hypervisor"]["uri"], "test:///a");
  EXPECT_EQ(j["vms"][0]["uri"], "test:///a");
  ASSERT_EQ(j["hosts"].size(), 2u);
  EXPECT_EQ(j["hosts"][0], (nlohmann::json{{"uri", "test:///a"},
                                           {"weight", 2},
                                           {"virt_type", "qemu"},
                                           {"vms", 1},
                                           {"jobs", 1},
                                           {"upload_seconds", 4.5}}));
  EXPECT_EQ(j["hosts"][1]["setup_error"], "cannot connect");
}

}  // namespace
}  // namespace bootstorm
