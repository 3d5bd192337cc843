#include "pass_rate.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

RunRecord RunWith(const std::vector<std::vector<Outcome>>& vms) {
  RunRecord run;
  for (const auto& outcomes : vms) {
    VmRecord& vm = run.vms.emplace_back();
    for (Outcome o : outcomes) vm.boots.push_back({.boot = 1, .outcome = o});
  }
  return run;
}

TEST(PassRateTest, CountsEveryBootOfEveryVm) {
  RunRecord run = RunWith({{Outcome::kPass, Outcome::kSutFailure},
                           {Outcome::kPass, Outcome::kPass},
                           {Outcome::kInfraError}});
  EXPECT_EQ(CountBootOutcomes(run), (BootOutcomes{3, 1, 1}));
  EXPECT_EQ(CountBootOutcomes(run).Decided(), 4);
  EXPECT_EQ(CountBootOutcomes(run).Total(), 5);
}

TEST(PassRateTest, PassRateNeverRoundsAFailureUpTo100) {
  EXPECT_EQ(FormatPassRate({200, 0, 3}), "100%");
  EXPECT_EQ(FormatPassRate({199, 1, 0}), "99.5%");
  EXPECT_EQ(FormatPassRate({9999, 1, 0}), "99.9%");
  EXPECT_EQ(FormatPassRate({0, 0, 2}), "n/a");
}

TEST(PassRateTest, FailureBoundRestsOnDecidedBootsOnly) {
  EXPECT_EQ(FormatFailureBound({200, 0, 5}), "0 failures in 200 boots: < 1.5%");
  EXPECT_EQ(FormatFailureBound({0, 1, 0}), "1 failure in 1 boot: < 100%");
}

}  // namespace
}  // namespace bootstorm
