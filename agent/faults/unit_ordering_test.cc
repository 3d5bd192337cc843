#include "unit_ordering.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

const std::string kLocal = "bootstorm-local.service.d/50-order.conf";

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(RenderOrderingDropIns, WritesOneDropInPerUnit) {
  std::map<std::string, std::string> drop_ins = RenderOrderingDropIns(BootPlan{});
  std::vector<std::string> paths;
  for (const auto& [path, content] : drop_ins) paths.push_back(path);
  EXPECT_EQ(paths, (std::vector<std::string>{"bootstorm-early.service.d/50-order.conf",
                                             "bootstorm-final.service.d/50-order.conf",
                                             "bootstorm-local.service.d/50-order.conf",
                                             "bootstorm-network.service.d/50-order.conf"}));
}

TEST(RenderOrderingDropIns, DefaultPlanRunsLocalBeforeNetworkManager) {
  std::string local = RenderOrderingDropIns(BootPlan{}).at(kLocal);
  EXPECT_TRUE(Contains(local, "Before=network-pre.target NetworkManager.service\n"));
  EXPECT_TRUE(Contains(local, "Wants=dev-disk-by\\x2dlabel-config\\x2d2.device\n"));
  EXPECT_TRUE(Contains(local, "After=dev-disk-by\\x2dlabel-config\\x2d2.device\n"));
  EXPECT_FALSE(Contains(local, "After=local-fs.target bootstorm-early.service NetworkManager"));
}

TEST(RenderOrderingDropIns, NmBeforeLocalHasNoCycleThroughNetworkPre) {
  BootPlan plan;
  plan.faults = {{std::string(kFaultNmBeforeLocal)}};
  std::string local = RenderOrderingDropIns(plan).at(kLocal);
  EXPECT_TRUE(Contains(local, "NetworkManager.service"));
  EXPECT_TRUE(
      Contains(local, "After=local-fs.target bootstorm-early.service NetworkManager.service\n"));
  EXPECT_FALSE(Contains(local, "Before="));
  EXPECT_FALSE(Contains(local, "network-pre.target"));
}

TEST(RenderOrderingDropIns, LateConfigMovesTheDriveWaitToTheNetworkStage) {
  Fault late;
  late.kind = std::string(kFaultLateConfig);
  late.ms = 20000;
  BootPlan plan;
  plan.faults = {late};
  std::map<std::string, std::string> drop_ins = RenderOrderingDropIns(plan);
  EXPECT_FALSE(Contains(drop_ins.at(kLocal), "config\\x2d2.device"));
  EXPECT_TRUE(Contains(drop_ins.at(kLocal), "Before=network-pre.target NetworkManager.service\n"));
  std::string network = drop_ins.at("bootstorm-network.service.d/50-order.conf");
  EXPECT_TRUE(Contains(network, "Wants=dev-disk-by\\x2dlabel-config\\x2d2.device\n"));
  EXPECT_TRUE(Contains(network, "After=dev-disk-by\\x2dlabel-config\\x2d2.device\n"));
  EXPECT_TRUE(Contains(drop_ins.at("dev-disk-by\\x2dlabel-config\\x2d2.device.d/50-order.conf"),
                       "JobRunningTimeoutSec=300\n"));
  EXPECT_FALSE(Contains(
      RenderOrderingDropIns(BootPlan{}).at("bootstorm-network.service.d/50-order.conf"), "device"));
}

TEST(RenderOrderingDropIns, EarlyProbeRunsBeforeNetworkManagerInEveryPlan) {
  BootPlan plan;
  plan.faults = {{std::string(kFaultNmBeforeLocal)}};
  for (const BootPlan& p : {BootPlan{}, plan}) {
    EXPECT_TRUE(Contains(RenderOrderingDropIns(p).at("bootstorm-early.service.d/50-order.conf"),
                         "Before=NetworkManager.service bootstorm-local.service\n"));
  }
}

const std::string kNetwork = "bootstorm-network.service.d/50-order.conf";

BootPlan PlanWith(std::vector<std::string_view> kinds) {
  BootPlan plan;
  for (std::string_view k : kinds) plan.faults.push_back({std::string(k)});
  return plan;
}

TEST(RenderOrderingDropIns, LocalAfterOnlineHasNoCycleThroughTheNetworkStage) {
  std::map<std::string, std::string> drop_ins =
      RenderOrderingDropIns(PlanWith({kFaultLocalAfterOnline}));
  std::string local = drop_ins.at(kLocal);
  EXPECT_TRUE(Contains(local, "Wants=network-online.target\n"));
  EXPECT_TRUE(Contains(local,
                       "After=local-fs.target bootstorm-early.service "
                       "NetworkManager.service network-online.target\n"));
  EXPECT_FALSE(Contains(local, "Before="));
  // network runs after local, so it must not also run before network-online.
  EXPECT_TRUE(Contains(drop_ins.at(kNetwork), "After=NetworkManager.service bootstorm-local"));
  EXPECT_FALSE(Contains(drop_ins.at(kNetwork), "Before="));
}

TEST(RenderOrderingDropIns, LocalAfterOnlineWinsOverNmBeforeLocal) {
  EXPECT_EQ(RenderOrderingDropIns(PlanWith({kFaultNmBeforeLocal, kFaultLocalAfterOnline})),
            RenderOrderingDropIns(PlanWith({kFaultLocalAfterOnline})));
}

TEST(RenderOrderingDropIns, NetworkBeforeNmDropsOnlyTheNetworkManagerEdge) {
  std::string network = RenderOrderingDropIns(PlanWith({kFaultNetworkBeforeNm})).at(kNetwork);
  EXPECT_FALSE(Contains(network, "NetworkManager"));
  EXPECT_TRUE(Contains(network, "After=bootstorm-local.service dbus.service\n"));
  EXPECT_TRUE(Contains(network, "Before=network-online.target\n"));
  EXPECT_TRUE(Contains(RenderOrderingDropIns(BootPlan{}).at(kNetwork),
                       "After=NetworkManager.service bootstorm-local.service dbus.service\n"));
}

TEST(RenderOrderingDropIns, CloudInitCheckpointsSurroundCloudInitsUnitsWithoutALocalStage) {
  BootPlan plan;
  plan.activator = Activator::kCloudInit;
  std::map<std::string, std::string> drop_ins = RenderOrderingDropIns(plan);
  EXPECT_FALSE(drop_ins.contains(kLocal));
  std::string early = drop_ins.at("bootstorm-early.service.d/50-order.conf");
  EXPECT_TRUE(Contains(early, "DefaultDependencies=no\n"));
  EXPECT_TRUE(Contains(early, "After=systemd-remount-fs.service\n"));
  EXPECT_TRUE(Contains(early,
                       "Before=cloud-init-main.service cloud-init-local.service "
                       "NetworkManager.service\n"));
  std::string network = drop_ins.at("bootstorm-network.service.d/50-order.conf");
  EXPECT_TRUE(Contains(network, "After=cloud-init.service cloud-init-network.service\n"));
  EXPECT_FALSE(Contains(network, "Before="));
  std::string final_stage = drop_ins.at("bootstorm-final.service.d/50-order.conf");
  EXPECT_TRUE(Contains(final_stage,
                       "After=network-online.target cloud-final.service "
                       "bootstorm-network.service\n"));
  EXPECT_TRUE(Contains(drop_ins.at("cloud-final.service.d/50-order.conf"),
                       "Wants=bootstorm-final.service\n"));
}

TEST(RenderOrderingDropIns, OrderingCycleFaultAddsAUnitBothBeforeAndAfterEarly) {
  for (Activator activator : {Activator::kReference, Activator::kCloudInit}) {
    BootPlan plan;
    plan.activator = activator;
    plan.faults = {{std::string(kFaultOrderingCycle)}};
    std::map<std::string, std::string> drop_ins = RenderOrderingDropIns(plan);
    std::string cycle = drop_ins.at("bootstorm-cycle.service");
    EXPECT_TRUE(Contains(cycle, "After=bootstorm-early.service\n"));
    EXPECT_TRUE(Contains(cycle, "Before=bootstorm-early.service\n"));
    EXPECT_TRUE(Contains(drop_ins.at("bootstorm-early.service.d/60-cycle.conf"),
                         "Wants=bootstorm-cycle.service\n"));
    EXPECT_FALSE(RenderOrderingDropIns(BootPlan{}).contains("bootstorm-cycle.service"));
  }
}

// Debian 12's cloud-init-local.service and Debian 13's cloud-init-network.service,
// as their packages ship them (comments and [Service] trimmed).
constexpr std::string_view kBookwormLocal =
    "[Unit]\nDescription=Initial cloud-init job (pre-networking)\nDefaultDependencies=no\n"
    "Wants=network-pre.target\nAfter=hv_kvp_daemon.service\nAfter=systemd-remount-fs.service\n"
    "Before=NetworkManager.service\nBefore=network-pre.target\nBefore=shutdown.target\n"
    "Before=sysinit.target\nConflicts=shutdown.target\nRequiresMountsFor=/var/lib/cloud\n\n"
    "[Service]\nType=oneshot\nExecStart=/usr/bin/cloud-init init --local\n";
constexpr std::string_view kTrixieNetwork =
    "[Unit]\nDescription=Cloud-init: Network Stage\nDefaultDependencies=no\n"
    "Wants=cloud-init-local.service\nAfter=cloud-init-local.service\n"
    "After=systemd-networkd-wait-online.service\nAfter=networking.service\n"
    "Before=network-online.target\nBefore=sshd.service\nBefore=sysinit.target\n"
    "Before=shutdown.target\nConflicts=shutdown.target\n\n"
    "[Service]\nType=oneshot\nExecStart=sh -c 'echo \"start\" | nc -Uu -W1 "
    "/run/cloud-init/share/network.sock -s /run/cloud-init/share/network-return.sock | sh'\n\n"
    "[Install]\nWantedBy=cloud-init.target\n";

TEST(RewriteUnitOrdering, RemovesOnlyTheListedValuesAndAppendsToTheUnitSection) {
  std::string text = RewriteUnitOrdering(
      "[Unit]\nDescription=x\nBefore=a.service b.target\nBefore=c.target\nAfter=a.service\n"
      "# Before=a.service stays a comment\n\n[Service]\nBefore=a.service\n",
      {.remove_before = {"a.service", "c.target"}, .add = "After=d.service\n"});
  EXPECT_EQ(text,
            "[Unit]\nDescription=x\nBefore=b.target\nAfter=a.service\n"
            "# Before=a.service stays a comment\n\nAfter=d.service\n[Service]\nBefore=a.service\n");
}

TEST(RewriteUnitOrdering, TextWithoutAUnitSectionGetsOne) {
  EXPECT_EQ(RewriteUnitOrdering("[Service]\nType=oneshot\n",
                                {.remove_before = {}, .add = "After=x.service\n"}),
            "[Unit]\nAfter=x.service\n[Service]\nType=oneshot\n");
}

/// A reader of the image's units with only `units` in it.
UnitFileReader ImageWith(std::map<std::string, std::string, std::less<>> units) {
  return [units = std::move(units)](std::string_view unit) {
    auto it = units.find(unit);
    return it == units.end() ? std::string() : it->second;
  };
}

BootPlan CloudInitPlan(std::string_view fault) {
  BootPlan plan;
  plan.activator = Activator::kCloudInit;
  plan.faults = {{std::string(fault)}};
  return plan;
}

TEST(RenderCloudInitReorderedUnits, NmBeforeLocalFlipsLocalAndFreesTheNetworkStageOfSysinit) {
  auto units = RenderCloudInitReorderedUnits(
      CloudInitPlan(kFaultNmBeforeLocal),
      ImageWith({{"cloud-init-local.service", std::string(kBookwormLocal)},
                 {"cloud-init-network.service", std::string(kTrixieNetwork)}}));
  ASSERT_EQ(units.size(), 2u);  // the image has no cloud-init.service: skipped
  std::string local = units.at("cloud-init-local.service");
  EXPECT_FALSE(Contains(local, "Before=NetworkManager.service"));
  EXPECT_FALSE(Contains(local, "Before=network-pre.target"));
  EXPECT_FALSE(Contains(local, "Before=sysinit.target"));
  EXPECT_TRUE(Contains(local, "Before=shutdown.target\n"));
  EXPECT_TRUE(Contains(local, "After=NetworkManager.service\n"));
  EXPECT_TRUE(Contains(local, "ExecStart=/usr/bin/cloud-init init --local\n"));
  std::string network = units.at("cloud-init-network.service");
  EXPECT_FALSE(Contains(network, "Before=sysinit.target"));
  EXPECT_TRUE(Contains(network, "Before=network-online.target\n"));
  EXPECT_TRUE(Contains(network, "After=cloud-init-local.service\n"));
  EXPECT_TRUE(Contains(network, "WantedBy=cloud-init.target\n"));
}

TEST(RenderCloudInitReorderedUnits, LocalAfterOnlineAlsoFreesTheNetworkStageOfNetworkOnline) {
  auto units = RenderCloudInitReorderedUnits(
      CloudInitPlan(kFaultLocalAfterOnline),
      ImageWith({{"cloud-init-local.service", std::string(kBookwormLocal)},
                 {"cloud-init.service", std::string(kTrixieNetwork)}}));
  std::string local = units.at("cloud-init-local.service");
  EXPECT_TRUE(Contains(local, "Wants=network-online.target\nAfter=network-online.target\n"));
  EXPECT_TRUE(Contains(local, "After=NetworkManager.service\n"));
  std::string network = units.at("cloud-init.service");
  EXPECT_FALSE(Contains(network, "Before=network-online.target"));
  EXPECT_FALSE(Contains(network, "Before=sysinit.target"));
}

TEST(RenderCloudInitReorderedUnits, NothingForOtherFaultsOrTheAgent) {
  UnitFileReader image = ImageWith({{"cloud-init-local.service", std::string(kBookwormLocal)}});
  EXPECT_TRUE(RenderCloudInitReorderedUnits(CloudInitPlan(kFaultNetworkBeforeNm), image).empty());
  EXPECT_TRUE(RenderCloudInitReorderedUnits(CloudInitPlan(kFaultConnectionReup), image).empty());
  BootPlan agent = CloudInitPlan(kFaultNmBeforeLocal);
  agent.activator = Activator::kReference;
  EXPECT_TRUE(RenderCloudInitReorderedUnits(agent, image).empty());
}

}  // namespace
}  // namespace bootstorm
