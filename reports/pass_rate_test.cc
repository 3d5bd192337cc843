#include "pass_rate.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

BootTally Tally(int passed, int sut_failures, int infra_errors) {
  return {.boots = passed + sut_failures + infra_errors,
          .passed = passed,
          .sut_failures = sut_failures,
          .infra_errors = infra_errors};
}

TEST(PassRateTest, PassRateNeverRoundsAFailureUpTo100) {
  EXPECT_EQ(FormatPassRate(Tally(200, 0, 3)), "100%");
  EXPECT_EQ(FormatPassRate(Tally(199, 1, 0)), "99.5%");
  EXPECT_EQ(FormatPassRate(Tally(9999, 1, 0)), "99.9%");
  EXPECT_EQ(FormatPassRate(Tally(0, 0, 2)), "n/a");
}

TEST(PassRateTest, FailureBoundRestsOnDecidedBootsOnly) {
  EXPECT_EQ(FormatFailureBound(Tally(200, 0, 5)), "0 failures in 200 boots: < 1.5%");
  EXPECT_EQ(FormatFailureBound(Tally(0, 1, 0)), "1 failure in 1 boot: < 100%");
}

TEST(PassRateTest, NotApplicableBootsAreNamedApart) {
  EXPECT_EQ(FormatNotApplicable({"atomic-write", 3, 0}), "");
  EXPECT_EQ(FormatNotApplicable({"atomic-write", 3, 0, 1}), ", n/a in 1 boot");
  EXPECT_EQ(FormatNotApplicable({"atomic-write", 0, 0, 2}), ", n/a in 2 boots");
}

}  // namespace
}  // namespace bootstorm
