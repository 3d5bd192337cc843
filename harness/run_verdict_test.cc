#include "run_verdict.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {2, 0, 0}), 0);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {1, 1, 0}), 1);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kPass, {0, 0, 2}), 3);
}

TEST(ExitCodeForExpectation, DetectSucceedsOnlyWhenCaught) {
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {1, 1, 0}), 0);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {0, 1, 1}), 0);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {2, 0, 0}), 1);
  EXPECT_EQ(ExitCodeForExpectation(Expect::kDetect, {1, 0, 1}), 3);
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
