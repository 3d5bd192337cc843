#include "run_verdict.h"

#include <gtest/gtest.h>

#include "expectation.h"

namespace bootstorm {
namespace {

BootRecord Boot(Outcome outcome, std::vector<std::pair<std::string, bool>> checks) {
  BootRecord b;
  b.outcome = outcome;
  for (const auto& [name, passed] : checks) b.checks.push_back({name, passed, "", {}, {}, ""});
  return b;
}

RunRecord RunOf(std::vector<std::vector<BootRecord>> vms) {
  RunRecord run;
  run.vms_planned = static_cast<int>(vms.size());
  for (std::size_t i = 0; i < vms.size(); ++i)
    run.vms.push_back({static_cast<int>(i), "d", std::move(vms[i])});
  return run;
}

TEST(ExitCodeForExpectation, PassKeepsTheUsualCodes) {
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {2, 0, 0}, false), ExitCode::kPass);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {1, 1, 0}, false), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {0, 0, 2}, false), ExitCode::kInfra);
}

TEST(ExitCodeForExpectation, DetectSucceedsOnlyWhenCaught) {
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {1, 1, 0}, false), ExitCode::kPass);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {0, 1, 1}, false), ExitCode::kPass);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {2, 0, 0}, false), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {1, 0, 1}, false), ExitCode::kInfra);
}

// An interruption leaves no verdict unless a SUT failure already decided it.
TEST(ExitCodeForExpectation, InterruptedIsInfraUnlessAFailureDecided) {
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {2, 0, 0}, true), ExitCode::kInfra);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {2, 0, 0}, true), ExitCode::kInfra);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {1, 1, 0}, true), ExitCode::kSutFailure);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {1, 1, 0}, true), ExitCode::kPass);
}

TEST(ExitCodeOf, ReadsTheRecordsExpectationAndInterruption) {
  RunRecord passed = RunOf({{Boot(Outcome::kPass, {{"resolv-conf-intact", true}})}});
  passed.expect = "pass";
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kPass);
  passed.interrupted = true;
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kInfra);
  passed.interrupted = false;
  passed.expect = "detect";
  EXPECT_EQ(ExitCodeOf(passed), ExitCode::kSutFailure);
}

TEST(ExpectationNote, NamesTheInvariantsThatCaughtIt) {
  RunRecord caught = RunOf(
      {{Boot(Outcome::kSutFailure,
             {{"resolv-conf-intact", false}, {"nm-dns-none", false}, {"boot-completes", true}}),
        Boot(Outcome::kSutFailure, {{"resolv-conf-intact", false}, {"activation-once", false}})}});
  EXPECT_EQ(ExpectationNote(Expect::kDetect, caught),
            "expected a detection: caught by resolv-conf-intact, nm-dns-none, activation-once");
  EXPECT_EQ(ExpectationNote(Expect::kPass, caught), "");
}

TEST(ExpectationNote, SaysPlainlyWhenNotCaught) {
  RunRecord passed = RunOf({{Boot(Outcome::kPass, {{"resolv-conf-intact", true}})}});
  EXPECT_EQ(ExpectationNote(Expect::kDetect, passed),
            "expected a detection: NOT caught, every VM passed");
  RunRecord infra = RunOf({{Boot(Outcome::kInfraError, {})}});
  EXPECT_EQ(ExpectationNote(Expect::kDetect, infra),
            "expected a detection: undecided, infra errors hid VMs");
}

}  // namespace
}  // namespace bootstorm
