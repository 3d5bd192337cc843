#include "expectation.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace bootstorm {
namespace {

/// SampleRun expecting a detection, with vm 0's failing check passed when
/// `caught` is false.
RunRecord DetectRun(bool caught) {
  RunRecord run = SampleRun();
  run.expect = "detect";
  if (!caught) {
    run.vms[0].boots[1].outcome = Outcome::kPass;
    for (CheckResult& c : run.vms[0].boots[1].checks) c.passed = true;
  }
  return run;
}

TEST(Expectation, StatusFromTheSummary) {
  using enum ExpectationStatus;
  EXPECT_EQ(ExpectationStatusOf(false, {2, 0, 0}), kMet);
  EXPECT_EQ(ExpectationStatusOf(false, {1, 1, 1}), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(false, {1, 0, 1}), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(true, {0, 1, 1}), kMet);
  EXPECT_EQ(ExpectationStatusOf(true, {2, 0, 0}), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(true, {1, 0, 1}), kUndecided);
  // An interruption leaves open what no SUT failure decided.
  EXPECT_EQ(ExpectationStatusOf(false, {2, 0, 0}, true), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(false, {1, 1, 0}, true), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(true, {2, 0, 0}, true), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(true, {1, 1, 0}, true), kMet);
  EXPECT_EQ(ExitCodeOf(kMet), ExitCode::kPass);
  EXPECT_EQ(ExitCodeOf(kNotMet), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeOf(kUndecided), ExitCode::kInfra);
  // A pass run's code from its summary (once run_record's ExitCodeFor).
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(false, {3, 0, 0})), ExitCode::kPass);
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(false, {3, 1, 1})), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(false, {3, 0, 1})), ExitCode::kInfra);
}

TEST(Expectation, CaughtDetectionNamesWhatCaughtItAndWhere) {
  ExpectationVerdict v = JudgeExpectation(DetectRun(true));
  EXPECT_TRUE(v.detect);
  EXPECT_TRUE(v.met());
  EXPECT_EQ(v.caught_by, std::vector<std::string>{"resolv-conf-intact"});
  EXPECT_EQ(DescribeExpectation(v),
            "expectation met: known-bad activator caught by resolv-conf-intact in 1/3 VMs");
}

TEST(Expectation, UncaughtDetectionIsNotMetOrUndecided) {
  RunRecord uncaught = DetectRun(false);
  EXPECT_EQ(DescribeExpectation(JudgeExpectation(uncaught)),
            "expectation undecided: known-bad activator not caught, infra errors in 2/3 VMs");
  uncaught.vms.resize(1);  // only the VM that passed
  uncaught.vms_planned = 1;
  EXPECT_EQ(DescribeExpectation(JudgeExpectation(uncaught)),
            "expectation NOT met: known-bad activator not caught, 1/1 VMs passed");
}

TEST(Expectation, PassRunsAsTheExitCodesHaveIt) {
  // SampleRun: vm 0 fails resolv-conf-intact, vm 1 an infra error, vm 2 never ran.
  ExpectationVerdict v = JudgeExpectation(SampleRun());
  EXPECT_FALSE(v.detect);
  EXPECT_EQ(v.status, ExpectationStatus::kNotMet);
  EXPECT_EQ(DescribeExpectation(v),
            "expectation NOT met: SUT failures in 1/3 VMs (resolv-conf-intact)");
  // The same record judged as a detection is met.
  EXPECT_TRUE(JudgeExpectation(SampleRun(), true).met());
}

}  // namespace
}  // namespace bootstorm
