#include "failure_bound.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bootstorm {
namespace {

TEST(FailureUpperBound, ZeroFailuresFollowsTheRuleOfThree) {
  EXPECT_NEAR(FailureUpperBound(0, 200), 0.01487, 1e-5);
  EXPECT_EQ(FormatFailureUpperBound(FailureUpperBound(0, 200)), "< 1.5%");
  EXPECT_NEAR(FailureUpperBound(0, 1), 0.95, 1e-12);
}

TEST(FailureUpperBound, MatchesClopperPearsonWithFailures) {
  // Reference values: the Beta(x + 1, n - x) quantile, as scipy.stats.beta.ppf gives it.
  EXPECT_NEAR(FailureUpperBound(1, 10), 0.39416, 1e-5);
  EXPECT_NEAR(FailureUpperBound(5, 100), 0.10225, 1e-5);
  EXPECT_NEAR(FailureUpperBound(2, 200, 0.99), 0.04136, 1e-5);
}

TEST(FailureUpperBound, MoreTrialsTightenTheBound) {
  EXPECT_LT(FailureUpperBound(0, 1000), FailureUpperBound(0, 100));
  EXPECT_LT(FailureUpperBound(1, 100), FailureUpperBound(2, 100));
}

TEST(FailureUpperBound, DegenerateAndInvalidInput) {
  EXPECT_EQ(FailureUpperBound(0, 0), 1);
  EXPECT_EQ(FailureUpperBound(3, 3), 1);
  EXPECT_EQ(FormatFailureUpperBound(1), "< 100%");
  EXPECT_THROW(FailureUpperBound(4, 3), std::invalid_argument);
  EXPECT_THROW(FailureUpperBound(-1, 3), std::invalid_argument);
  EXPECT_THROW(FailureUpperBound(0, 3, 1.0), std::invalid_argument);
}

TEST(FormatFailureUpperBound, NeverPrintsBelowTheBound) {
  EXPECT_EQ(FormatFailureUpperBound(0.01487), "< 1.5%");
  EXPECT_EQ(FormatFailureUpperBound(0.1023), "< 11%");
  EXPECT_EQ(FormatFailureUpperBound(0.0029955), "< 0.30%");
  EXPECT_EQ(FormatFailureUpperBound(0.05), "< 5.0%");
}

}  // namespace
}  // namespace bootstorm
