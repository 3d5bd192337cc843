#include "boot_evaluation.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Scenario StaticScenario() {
  Scenario s;
  s.network.dns = {{"192.0.2.53", "192.0.2.54"}, {"example.test"}};
  s.network.nics = {NicSpec{.ipv4 = AddressMode::kStatic}};
  return s;
}

BootPlan PlanWith(Activator activator) {
  BootPlan plan;
  plan.activator = activator;
  return plan;
}

TEST(MakeExpectation, CloudInitRendersTheDrivesNameServersButNoSearchDomains) {
  Scenario s = StaticScenario();
  RunNetwork net = MakeRunNetwork("r1");
  BootExpectation e =
      MakeExpectation(s, net, {"52:54:00:00:00:01"}, PlanWith(Activator::kCloudInit));
  EXPECT_TRUE(e.sut_is_cloud_init);
  EXPECT_FALSE(e.agent_manages_network);
  EXPECT_EQ(e.dns.nameservers, s.network.dns.nameservers);
  EXPECT_TRUE(e.dns.search.empty());  // OpenStack's network_data.json has no field for them
  ASSERT_EQ(e.interfaces.size(), 1u);
  EXPECT_FALSE(e.interfaces[0].ipv4.static_cidr.empty());  // the drive's static address
  BootExpectation none = MakeExpectation(s, net, {"52:54:00:00:00:01"}, PlanWith(Activator::kNone));
  EXPECT_EQ(none.dns.nameservers, std::vector<std::string>{net.gateway});
  EXPECT_TRUE(none.interfaces[0].ipv4.static_cidr.empty());  // NM's own DHCP
  BootExpectation agent =
      MakeExpectation(s, net, {"52:54:00:00:00:01"}, PlanWith(Activator::kReference));
  EXPECT_EQ(agent.dns, s.network.dns);
  EXPECT_FALSE(agent.sut_is_cloud_init);
}

constexpr std::string_view kConsole =
    "[    5.806307] systemd[1]: bootstorm-final.service: Found ordering cycle on "
    "cloud-final.service/start\r\n"
    "[    0.803239] clocksource: jiffies: mask: 0xffffffff max_cycles: 0xffffffff\n"
    "[    5.811019] systemd[1]: bootstorm-final.service: Job cloud-final.service/start deleted to "
    "break ordering cycle starting with bootstorm-final.service/start\n";

TEST(OrderingCycleLines, FindsSystemdsCycleLinesOnly) {
  std::vector<std::string> lines = OrderingCycleLines(kConsole);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].ends_with("Found ordering cycle on cloud-final.service/start"));
  EXPECT_NE(lines[1].find("deleted to break ordering cycle"), std::string::npos);
  EXPECT_TRUE(OrderingCycleLines("").empty());
  std::string many;
  for (std::size_t i = 0; i < kMaxOrderingCycleLines + 5; ++i)
    many += "x: Found ordering cycle on y\n";
  EXPECT_EQ(OrderingCycleLines(many).size(), kMaxOrderingCycleLines);
  EXPECT_EQ(OrderingCycleLines(std::string(2000, 'a') + " Found ordering cycle").front().size(),
            kMaxEvidenceLineBytes);
}

TEST(UnjudgeableBoot, NamesTheCycleFromTheConsoleOrTheJournal) {
  EXPECT_EQ(UnjudgeableBoot({}, {}), "");
  std::string why = UnjudgeableBoot({}, OrderingCycleLines(kConsole));
  EXPECT_NE(why.find("systemd broke an ordering cycle in the guest (serial console)"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("cloud-final.service/start"), std::string::npos) << why;
  EXPECT_NE(why.find("and 1 more line(s)"), std::string::npos) << why;
  Observation final_checkpoint;
  final_checkpoint.checkpoint = std::string(kCheckpointFinal);
  final_checkpoint.ordering_cycles = {"a.service: Found ordering cycle on b.service/start"};
  why = UnjudgeableBoot({final_checkpoint}, {});
  EXPECT_NE(why.find("(journal at final)"), std::string::npos) << why;
  EXPECT_NE(why.find("no SUT verdict"), std::string::npos) << why;
}

}  // namespace
}  // namespace bootstorm
