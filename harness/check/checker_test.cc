#include "checker.h"

#include <gtest/gtest.h>

#include "scenario.h"

namespace bootstorm {
namespace {

TEST(MakeCheckers, OneCheckerPerInvariantName) {
  std::vector<std::string> names(kAllChecks.begin(), kAllChecks.end());
  std::vector<std::unique_ptr<Checker>> checkers = MakeCheckers(names);
  ASSERT_EQ(checkers.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(checkers[i]->name(), names[i]);
  EXPECT_THROW(MakeCheckers({"dns-vibes"}), std::invalid_argument);
}

}  // namespace
}  // namespace bootstorm
