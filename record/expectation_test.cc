#include "expectation.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace bootstorm {
namespace {

/// SampleRun expecting a detection, with vm 0's failing check passed when
/// `caught` is false.
RunRecord DetectRun(bool caught) {
  RunRecord run = SampleRun();
  run.expect = Expect::kDetect;
  if (!caught) {
    run.vms[0].boots[1].outcome = Outcome::kPass;
    for (CheckResult& c : run.vms[0].boots[1].checks) c.passed = true;
  }
  return run;
}

TEST(Expectation, StatusFromTheSummary) {
  using enum ExpectationStatus;
  EXPECT_EQ(ExpectationStatusOf(Expect::kPass, {2, 0, 0}), kMet);
  EXPECT_EQ(ExpectationStatusOf(Expect::kPass, {1, 1, 1}), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(Expect::kPass, {1, 0, 1}), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(Expect::kDetect, {0, 1, 1}), kMet);
  EXPECT_EQ(ExpectationStatusOf(Expect::kDetect, {2, 0, 0}), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(Expect::kDetect, {1, 0, 1}), kUndecided);
  // An interruption leaves open what no SUT failure decided.
  EXPECT_EQ(ExpectationStatusOf(Expect::kPass, {2, 0, 0}, true), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(Expect::kPass, {1, 1, 0}, true), kNotMet);
  EXPECT_EQ(ExpectationStatusOf(Expect::kDetect, {2, 0, 0}, true), kUndecided);
  EXPECT_EQ(ExpectationStatusOf(Expect::kDetect, {1, 1, 0}, true), kMet);
  EXPECT_EQ(ExitCodeOf(kMet), ExitCode::kPass);
  EXPECT_EQ(ExitCodeOf(kNotMet), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeOf(kUndecided), ExitCode::kInfra);
  // A pass run's code from its summary (once run_record's ExitCodeFor).
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(Expect::kPass, {3, 0, 0})), ExitCode::kPass);
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(Expect::kPass, {3, 1, 1})), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeOf(ExpectationStatusOf(Expect::kPass, {3, 0, 1})), ExitCode::kInfra);
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
  RunRecord detect = SampleRun();
  detect.expect = Expect::kDetect;
  EXPECT_TRUE(JudgeExpectation(detect).met());
}

BootRecord Boot(Outcome outcome, std::vector<std::pair<std::string, bool>> checks) {
  BootRecord b;
  b.outcome = outcome;
  for (const auto& [name, passed] : checks) b.checks.push_back({name, passed, "", {}, {}, ""});
  return b;
}

RunRecord RunOf(std::vector<std::vector<BootRecord>> vms, Expect expect = Expect::kPass) {
  RunRecord run;
  run.expect = expect;
  run.vms_planned = static_cast<int>(vms.size());
  for (std::size_t i = 0; i < vms.size(); ++i)
    run.vms.push_back({static_cast<int>(i), "d", std::move(vms[i])});
  return run;
}

RunRecord DetectRunOf(std::vector<std::vector<BootRecord>> vms) {
  return RunOf(std::move(vms), Expect::kDetect);
}

TEST(ExitCodeOf, ReadsTheRecordsExpectationAndInterruption) {
  RunRecord passed = RunOf({{Boot(Outcome::kPass, {{"resolv-conf-intact", true}})}});
  passed.expect = Expect::kPass;
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kPass);
  passed.interrupted = true;
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kInfra);
  passed.interrupted = false;
  passed.expect = Expect::kDetect;
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kSutFailure);
}

TEST(ExpectationNote, NamesTheInvariantsThatCaughtIt) {
  RunRecord caught = DetectRunOf(
      {{Boot(Outcome::kSutFailure,
             {{"resolv-conf-intact", false}, {"nm-dns-none", false}, {"boot-completes", true}}),
        Boot(Outcome::kSutFailure, {{"resolv-conf-intact", false}, {"activation-once", false}})}});
  EXPECT_EQ(ExpectationNote(caught),
            "expected a detection: caught by resolv-conf-intact, nm-dns-none, activation-once");
  caught.expect = Expect::kPass;
  EXPECT_EQ(ExpectationNote(caught), "");
}

TEST(ExpectationNote, SaysPlainlyWhenNotCaught) {
  RunRecord passed = DetectRunOf({{Boot(Outcome::kPass, {{"resolv-conf-intact", true}})}});
  EXPECT_EQ(ExpectationNote(passed), "expected a detection: NOT caught, every VM passed");
  RunRecord infra = DetectRunOf({{Boot(Outcome::kInfraError, {})}});
  EXPECT_EQ(ExpectationNote(infra), "expected a detection: undecided, infra errors hid VMs");
}

}  // namespace
}  // namespace bootstorm
