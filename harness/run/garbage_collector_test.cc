#include "garbage_collector.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

using Kind = HypervisorResource::Kind;

/// Only the listing and removal a collector uses; the rest is not needed here.
class ListingHypervisor : public UnusedHypervisor {
 public:
  std::vector<HypervisorResource> resources;
  std::vector<HypervisorResource> removed;
  std::string fail_on;
  std::string vanish_on;

  std::vector<HypervisorResource> ListResources(std::string_view prefix) override {
    std::vector<HypervisorResource> out;
    for (const auto& r : resources) {
      if (r.name.starts_with(prefix)) out.push_back(r);
    }
    return out;
  }
  void RemoveResource(const HypervisorResource& r) override {
    if (r.name == vanish_on) {
      std::erase(resources, r);  // went away by itself while being removed
      throw std::runtime_error("Domain not found: " + r.name);
    }
    if (r.name == fail_on) throw std::runtime_error("cannot remove " + r.name);
    removed.push_back(r);
  }
};

TEST(RunIdOfResource, ParsesOnlyBootstormNames) {
  EXPECT_EQ(RunIdOfResource("bootstorm-0d89c574"), "0d89c574");
  EXPECT_EQ(RunIdOfResource("bootstorm-0d89c574-vm000.qcow2"), "0d89c574");
  EXPECT_EQ(RunIdOfResource("bootstorm"), std::nullopt);
  EXPECT_EQ(RunIdOfResource("bootstorm-0d89c57"), std::nullopt);
  EXPECT_EQ(RunIdOfResource("bootstorm-0d89c5741"), std::nullopt);
  EXPECT_EQ(RunIdOfResource("bootstorm-base-cache"), std::nullopt);
  EXPECT_EQ(RunIdOfResource("bootstorm-0D89C574"), std::nullopt);
  EXPECT_EQ(RunIdOfResource("default"), std::nullopt);
}

TEST(CollectGarbage, RemovesDeadRunsDomainsFirstAndKeepsLiveOnes) {
  ListingHypervisor hv;
  hv.resources = {{Kind::kNetwork, "bootstorm-deadbeef", "deadbeef"},
                  {Kind::kVolume, "bootstorm-deadbeef-vm000.qcow2"},
                  {Kind::kDomain, "bootstorm-deadbeef-vm000", "deadbeef"},
                  {Kind::kDomain, "bootstorm-11111111-vm000", "11111111"},
                  {Kind::kVolume, "bootstorm-11111111-base.qcow2"},
                  {Kind::kDomain, "someone-elses-vm"}};
  GarbageReport report = CollectGarbage(hv, [](const std::string& id) {
    return RunLiveness{id == "11111111" ? RunLiveness::kAlive : RunLiveness::kDead, ""};
  });
  EXPECT_EQ(hv.removed, (std::vector<HypervisorResource>{
                            {Kind::kDomain, "bootstorm-deadbeef-vm000", "deadbeef"},
                            {Kind::kVolume, "bootstorm-deadbeef-vm000.qcow2"},
                            {Kind::kNetwork, "bootstorm-deadbeef", "deadbeef"}}));
  EXPECT_EQ(report.removed, hv.removed);
  EXPECT_EQ(report.kept_live.size(), 2u);
  EXPECT_TRUE(report.errors.empty());
}

constexpr const char* kDeadDomain = "bootstorm-deadbeef-vm000";
constexpr const char* kDeadDisk = "bootstorm-deadbeef-vm000.qcow2";

/// Collects on `hv` holding a dead run's domain and disk, every run dead.
GarbageReport CollectDeadVm(ListingHypervisor& hv) {
  hv.resources = {{Kind::kDomain, kDeadDomain, "deadbeef"}, {Kind::kVolume, kDeadDisk}};
  return CollectGarbage(hv, [](const std::string&) { return RunLiveness{RunLiveness::kDead, ""}; });
}

TEST(CollectGarbage, AnErrorDoesNotStopTheRest) {
  ListingHypervisor hv;
  hv.fail_on = kDeadDomain;
  GarbageReport report = CollectDeadVm(hv);
  EXPECT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(hv.removed.size(), 1u);
}

TEST(CollectGarbage, WhatVanishesWhileBeingRemovedIsNoError) {
  ListingHypervisor hv;
  hv.vanish_on = kDeadDomain;
  GarbageReport report = CollectDeadVm(hv);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(hv.removed, (std::vector<HypervisorResource>{{Kind::kVolume, kDeadDisk}}));
}

TEST(CollectGarbage, UnknownLivenessKeepsTheResourcesAndSaysWhy) {
  ListingHypervisor hv;
  hv.resources = {{Kind::kDomain, kDeadDomain, "deadbeef"}, {Kind::kVolume, kDeadDisk}};
  GarbageReport report = CollectGarbage(hv, [](const std::string&) {
    return RunLiveness{RunLiveness::kUnknown, "lock folder /x: Permission denied"};
  });
  EXPECT_TRUE(hv.removed.empty());
  ASSERT_EQ(report.kept_unknown.size(), 2u);
  EXPECT_EQ(report.kept_unknown[0].resource.name, kDeadDomain);
  EXPECT_EQ(report.kept_unknown[0].why,
            "cannot tell whether run deadbeef is alive: lock folder /x: Permission denied");
}

/// Probes that every run is dead, counting the probes.
struct AllDead {
  int* probes;
  RunLiveness operator()(const std::string&) const {
    ++*probes;
    return {RunLiveness::kDead, ""};
  }
};

TEST(CollectGarbage, ADomainOrNetworkNamedLikeADeadRunsWithoutItsMarkIsLeft) {
  ListingHypervisor hv;
  hv.resources = {{Kind::kDomain, kDeadDomain}, {Kind::kNetwork, "bootstorm-deadbeef"}};
  int probes = 0;
  GarbageReport report = CollectGarbage(hv, AllDead{&probes});
  EXPECT_TRUE(hv.removed.empty());
  EXPECT_EQ(probes, 0);  // not the run's: its liveness does not matter
  EXPECT_EQ(report.kept_unmarked,
            (std::vector<LeftResource>{{hv.resources[0], "no bootstorm ownership mark"},
                                       {hv.resources[1], "no bootstorm ownership mark"}}));
}

TEST(CollectGarbage, AMarkOfAnotherRunIsLeft) {
  ListingHypervisor hv;
  hv.resources = {{Kind::kDomain, kDeadDomain, "11111111"},
                  {Kind::kNetwork, "bootstorm-deadbeef", "11111111"}};
  int probes = 0;
  GarbageReport report = CollectGarbage(hv, AllDead{&probes});
  EXPECT_TRUE(hv.removed.empty());
  ASSERT_EQ(report.kept_unmarked.size(), 2u);
  EXPECT_EQ(report.kept_unmarked[0].why, "its ownership mark names run 11111111, not deadbeef");
}

TEST(CollectGarbage, AVolumeIsOwnedByPoolNameAndLiveness) {
  ListingHypervisor hv;  // libvirt gives volumes no metadata: never a mark
  hv.resources = {{Kind::kVolume, kDeadDisk}};
  int probes = 0;
  GarbageReport report = CollectGarbage(hv, AllDead{&probes});
  EXPECT_EQ(hv.removed, hv.resources);
  EXPECT_EQ(probes, 1);
  EXPECT_TRUE(report.kept_unmarked.empty());
}

}  // namespace
}  // namespace bootstorm
