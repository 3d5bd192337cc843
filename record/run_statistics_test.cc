#include "run_statistics.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace bootstorm {
namespace {

TEST(RunStatistics, CountsBootsAndInvariants) {
  BootTally t = TallyBoots(SampleRun());
  EXPECT_EQ(t.boots, 3);
  EXPECT_EQ(t.passed, 1);
  EXPECT_EQ(t.sut_failures, 1);
  EXPECT_EQ(t.infra_errors, 1);
  EXPECT_EQ(t.judged(), 2);
  ASSERT_EQ(t.invariants.size(), 2u);
  EXPECT_EQ(t.invariants[0], (InvariantTally{"resolv-conf-intact", 2, 1}));
  EXPECT_EQ(t.invariants[1], (InvariantTally{"nm-dns-none", 2, 0}));
}

TEST(RunStatistics, AddTallyMatchesInvariantsByName) {
  BootTally total = TallyBoots(SampleRun());
  BootTally more;
  more.boots = more.passed = 1;
  more.invariants = {{"atomic-write", 1, 0}, {"nm-dns-none", 1, 1}};
  AddTally(total, more);
  EXPECT_EQ(total.boots, 4);
  ASSERT_EQ(total.invariants.size(), 3u);
  EXPECT_EQ(total.invariants[1], (InvariantTally{"nm-dns-none", 3, 1}));
  EXPECT_EQ(total.invariants[2], (InvariantTally{"atomic-write", 1, 0}));
}

TEST(RunStatistics, NotApplicableChecksAreNeitherCheckedNorFailed) {
  BootTally t = TallyBoots(SampleRunWithNotApplicable());
  EXPECT_EQ(t.passed, 1);
  EXPECT_EQ(t.sut_failures, 1);
  ASSERT_EQ(t.invariants.size(), 3u);
  EXPECT_EQ(t.invariants[0], (InvariantTally{"resolv-conf-intact", 2, 1}));
  EXPECT_EQ(t.invariants[2], (InvariantTally{"atomic-write", 0, 0, 2}));
  BootTally total = t;
  AddTally(total, t);
  EXPECT_EQ(total.invariants[2], (InvariantTally{"atomic-write", 0, 0, 4}));
  RunRecord detect = SampleRunWithNotApplicable();
  detect.expect = Expect::kDetect;
  EXPECT_EQ(FailedInvariants(detect), std::vector<std::string>{"resolv-conf-intact"});
}

TEST(RunStatistics, MetExpectation) {
  RunRecord run = SampleRun();
  EXPECT_FALSE(MetExpectation(run));  // a SUT failure
  run.expect = Expect::kDetect;
  EXPECT_TRUE(MetExpectation(run));
  EXPECT_EQ(FailedInvariants(run), std::vector<std::string>{"resolv-conf-intact"});
  RunRecord clean;
  clean.expect = Expect::kDetect;
  EXPECT_FALSE(MetExpectation(clean));
  clean.expect = Expect::kPass;
  EXPECT_TRUE(MetExpectation(clean));
}

TEST(RunStatistics, Accelerator) {
  EXPECT_EQ(AcceleratorOf("kvm"), "kvm");
  EXPECT_EQ(AcceleratorOf("qemu"), "tcg");
  EXPECT_EQ(AcceleratorOf(""), "unknown");
}

}  // namespace
}  // namespace bootstorm
