#include "delta_debugging.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace bootstorm {
namespace {

bool Contains(const Configuration& c, std::size_t element) {
  return std::binary_search(c.begin(), c.end(), element);
}

/// A fake oracle that fails when the configuration holds every culprit, and
/// remembers what it was asked.
struct FakeOracle {
  explicit FakeOracle(std::set<std::size_t> culprits = {}) : culprits(std::move(culprits)) {}

  std::set<std::size_t> culprits;
  std::vector<Configuration> asked;

  FailureTest Test() {
    return [this](const Configuration& c) {
      asked.push_back(c);
      return std::all_of(culprits.begin(), culprits.end(),
                         [&c](std::size_t e) { return Contains(c, e); });
    };
  }
};

TEST(Ddmin, FindsASingleCulprit) {
  FakeOracle oracle({5});
  EXPECT_EQ(Ddmin(8, oracle.Test()), (Configuration{5}));
  // Halving: {0-3} passes, {4-7} fails, then {4,5} and {5} (and their halves).
  EXPECT_LE(oracle.asked.size(), 6u);
}

TEST(Ddmin, FindsCulpritsThatSitInDifferentHalves) {
  FakeOracle oracle({0, 7});
  EXPECT_EQ(Ddmin(8, oracle.Test()), (Configuration{0, 7}));
}

TEST(Ddmin, ZellersThreeOfEightExample) {
  // Zeller and Hildebrandt (2002): changes 1..8, the failure needs 1, 7 and 8.
  FakeOracle oracle({0, 6, 7});
  EXPECT_EQ(Ddmin(8, oracle.Test()), (Configuration{0, 6, 7}));
}

TEST(Ddmin, ShrinksTheMozillaSelectInput) {
  // The paper's Mozilla example: printing a page with this HTML crashed, and
  // ddmin on its characters leaves the tag that causes it.
  const std::string input = R"(<SELECT NAME="priority" MULTIPLE SIZE=7>)";
  auto text_of = [&input](const Configuration& c) {
    std::string s;
    for (std::size_t i : c) s += input[i];
    return s;
  };
  int trials = 0;
  Configuration c = Ddmin(input.size(), [&](const Configuration& config) {
    ++trials;
    return text_of(config).find("<SELECT") != std::string::npos;
  });
  EXPECT_EQ(text_of(c), "<SELECT");
  EXPECT_LT(trials, 200);
}

TEST(Ddmin, ResultIsOneMinimalAndNoConfigurationIsAskedTwice) {
  FakeOracle oracle({2, 3, 9});
  Configuration c = Ddmin(12, oracle.Test());
  EXPECT_EQ(c, (Configuration{2, 3, 9}));
  std::set<Configuration> distinct(oracle.asked.begin(), oracle.asked.end());
  EXPECT_EQ(distinct.size(), oracle.asked.size());
  Configuration all(12);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  EXPECT_FALSE(distinct.contains(all));
  EXPECT_FALSE(distinct.contains(Configuration{}));
}

TEST(Ddmin, KeepsEverythingWhenNoSmallerConfigurationFails) {
  // As when every trial ends in an infra error and counts as not failing.
  int trials = 0;
  Configuration c = Ddmin(4, [&trials](const Configuration&) {
    ++trials;
    return false;
  });
  EXPECT_EQ(c, (Configuration{0, 1, 2, 3}));
  // Halves, quarters, then the complements of single elements.
  EXPECT_EQ(trials, 2 + 4 + 4);
}

TEST(Ddmin, NothingToRemoveAsksNothing) {
  FakeOracle oracle;
  EXPECT_EQ(Ddmin(0, oracle.Test()), Configuration{});
  EXPECT_EQ(Ddmin(1, oracle.Test()), (Configuration{0}));
  EXPECT_TRUE(oracle.asked.empty());
}

TEST(Ddmin, TwoElementsNeedOneTrialWhenTheFirstAloneFails) {
  // The shrink integration test relies on this: nm-before-local alone fails.
  FakeOracle oracle({0});
  EXPECT_EQ(Ddmin(2, oracle.Test()), (Configuration{0}));
  EXPECT_EQ(oracle.asked, (std::vector<Configuration>{{0}}));
}

}  // namespace
}  // namespace bootstorm
