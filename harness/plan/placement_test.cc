#include "placement.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

using Ints = std::vector<int>;

TEST(PlaceVms, EqualWeightsAlternate) {
  EXPECT_EQ(PlaceVms(Ints{1, 1}, 2), (Ints{0, 1}));
  EXPECT_EQ(PlaceVms(Ints{1, 1, 1}, 5), (Ints{0, 1, 2, 0, 1}));
  EXPECT_EQ(PlaceVms(Ints{7}, 3), (Ints{0, 0, 0}));
  EXPECT_EQ(PlaceVms(Ints{1, 1}, 0), Ints{});
}

TEST(PlaceVms, WeightsInterleaveSmoothly) {
  EXPECT_EQ(PlaceVms(Ints{2, 1}, 3), (Ints{0, 1, 0}));
  // nginx's own example: weights 5, 1, 1 give a a b a c a a.
  EXPECT_EQ(PlaceVms(Ints{5, 1, 1}, 7), (Ints{0, 0, 1, 0, 2, 0, 0}));
}

TEST(PlaceVms, ProportionsFollowWeights) {
  Ints weights{3, 1, 6};
  EXPECT_EQ(VmsPerHost(PlaceVms(weights, 1000), 3), (Ints{300, 100, 600}));
  // Every prefix stays within one VM of its exact share.
  Ints placement = PlaceVms(weights, 100);
  Ints counts(3, 0);
  for (std::size_t n = 0; n < placement.size(); ++n) {
    ++counts[placement[n]];
    for (int h = 0; h < 3; ++h)
      EXPECT_NEAR(counts[h], (n + 1) * weights[h] / 10.0, 1.0) << "after " << n + 1 << " VMs";
  }
}

TEST(PlaceVms, IsDeterministic) {
  Ints weights{2, 5, 1, 1000};
  EXPECT_EQ(PlaceVms(weights, 500), PlaceVms(weights, 500));
  // Adding VMs keeps the earlier VMs where they were.
  Ints longer = PlaceVms(weights, 600);
  longer.resize(500);
  EXPECT_EQ(longer, PlaceVms(weights, 500));
}

TEST(SplitJobs, ByWeightWithOnePerHostThatHasVms) {
  EXPECT_EQ(SplitJobs(4, Ints{1, 1}, Ints{10, 10}), (Ints{2, 2}));
  EXPECT_EQ(SplitJobs(8, Ints{3, 1}, Ints{30, 10}), (Ints{6, 2}));
  // At least one each, even when that exceeds the total.
  EXPECT_EQ(SplitJobs(1, Ints{1, 1}, Ints{1, 1}), (Ints{1, 1}));
  EXPECT_EQ(SplitJobs(2, Ints{100, 1}, Ints{100, 1}), (Ints{1, 1}));
  // None for a host without VMs, never more than a host's VMs.
  EXPECT_EQ(SplitJobs(4, Ints{1, 1, 1}, Ints{1, 1, 0}), (Ints{1, 1, 0}));
  EXPECT_EQ(SplitJobs(6, Ints{5, 1}, Ints{2, 10}), (Ints{2, 4}));
}

HostRecord Host(std::string uri, int vms, int jobs, std::string setup_error = "") {
  HostRecord h;
  h.uri = std::move(uri);
  h.vms = vms;
  h.jobs = jobs;
  h.setup_error = std::move(setup_error);
  return h;
}

TEST(FormatRunPlan, OneHostAsBefore) {
  std::vector<HostRecord> hosts{Host("qemu:///system", 2, 2)};
  EXPECT_EQ(FormatRunPlan("4c34e61b", "smoke", 2, 2, hosts),
            "bootstorm run 4c34e61b (smoke): 2 VMs x 2 boots, 2 at a time, on qemu:///system");
}

TEST(FormatRunPlan, SeveralHostsEachWithVmsAndJobs) {
  std::vector<HostRecord> hosts{Host("test:///a", 2, 1), Host("test:///b", 1, 0, "refused"),
                                Host("test:///c", 0, 0)};
  EXPECT_EQ(FormatRunPlan("4c34e61b", "smoke", 3, 2, hosts),
            "bootstorm run 4c34e61b (smoke): 3 VMs x 2 boots on 3 hosts: test:///a (2 VMs, 1 at "
            "a time), test:///b (1 VM, setup failed), test:///c (0 VMs)");
}

}  // namespace
}  // namespace bootstorm
