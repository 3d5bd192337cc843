#include "boot_evaluation.h"

#include <gtest/gtest.h>

#include "resolv_conf.h"

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
  EXPECT_EQ(UnjudgeableBoot({}, {}, {}), "");
  std::string why = UnjudgeableBoot({}, OrderingCycleLines(kConsole), {});
  EXPECT_NE(why.find("systemd broke an ordering cycle in the guest (serial console)"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("cloud-final.service/start"), std::string::npos) << why;
  EXPECT_NE(why.find("and 1 more line(s)"), std::string::npos) << why;
  Observation final_checkpoint;
  final_checkpoint.checkpoint = std::string(kCheckpointFinal);
  final_checkpoint.ordering_cycles = {"a.service: Found ordering cycle on b.service/start"};
  why = UnjudgeableBoot({final_checkpoint}, {}, {});
  EXPECT_NE(why.find("(journal at final)"), std::string::npos) << why;
  EXPECT_NE(why.find("no SUT verdict"), std::string::npos) << why;
}

HistoryEvent Event(std::string_view kind, std::int64_t us) {
  HistoryEvent e;
  e.kind = std::string(kind);
  e.monotonic_us = us;
  return e;
}

HistoryEvent ResolvConfWrite(std::int64_t us, std::string content) {
  HistoryEvent e = Event(kHistoryResolvConf, us);
  e.op = "moved-to";
  e.path = "/etc/resolv.conf";
  e.content = std::move(content);
  return e;
}

// A reference-activator boot whose three checkpoints and history all hold the
// rendered file, `extra` added to its history (in time order).
struct HistoryBoot {
  Scenario scenario = StaticScenario();
  std::vector<Observation> observations;
  std::vector<HistoryEvent> history;

  explicit HistoryBoot(std::vector<HistoryEvent> extra) {
    scenario.checks = {"resolv-conf-intact", "activation-once"};
    std::string good = RenderResolvConf(scenario.network.dns);
    history = {ResolvConfWrite(5'000'000, good)};
    history.insert(history.end(), extra.begin(), extra.end());
    std::int64_t us = 6'000'000;
    for (std::string_view cp : {kCheckpointAfterNetwork, kCheckpointFinal, kCheckpointEnd}) {
      Observation o;
      o.checkpoint = std::string(cp);
      o.resolv_conf = good;
      observations.push_back(o);
      HistoryEvent marker = Event(kHistoryMarker, us += 1'000'000);
      marker.name = std::string(cp);
      history.push_back(marker);
    }
  }
  std::vector<CheckResult> Evaluate() const {
    return EvaluateBoot(scenario, MakeRunNetwork("r1"), {"52:54:00:00:00:01"},
                        PlanWith(Activator::kReference), observations, history);
  }
};

HistoryEvent Dropped(std::int64_t us, std::uint64_t count) {
  HistoryEvent e = Event(kHistoryObserver, us);
  e.op = "dropped";
  e.count = count;
  return e;
}

TEST(EvaluateBoot, APassOverAHistoryWithDroppedEventsIsUnknownAndTheBootUnjudgeable) {
  HistoryBoot complete({});
  for (const CheckResult& c : complete.Evaluate()) EXPECT_TRUE(c.passed) << c.message;
  HistoryBoot gap({Dropped(5'500'000, 40), Dropped(5'600'000, 2)});
  std::vector<CheckResult> checks = gap.Evaluate();
  ASSERT_EQ(checks.size(), 2u);
  for (const CheckResult& c : checks) {
    EXPECT_TRUE(c.unknown) << c.name;
    EXPECT_FALSE(CheckFailed(c)) << c.name;
    EXPECT_EQ(c.message,
              "unknown: the observer dropped 42 event(s) from 5.50 s on, so the history is "
              "incomplete; what it holds passed");
  }
  EXPECT_EQ(BootOutcomeFromChecks(checks), Outcome::kPass);  // hence UnjudgeableBoot:
  std::string why = UnjudgeableBoot(gap.observations, {}, checks);
  EXPECT_TRUE(
      why.starts_with("resolv-conf-intact, activation-once unknown, no check failed: "
                      "unknown: the observer dropped 42"))
      << why;
}

TEST(EvaluateBoot, ALossAfterTheEndCheckpointLeavesTheVerdictKnown) {
  HistoryBoot late({});
  late.history.push_back(Dropped(20'000'000, 5));
  for (const CheckResult& c : late.Evaluate()) EXPECT_TRUE(c.passed) << c.message;
}

TEST(EvaluateBoot, AFailureSeenInAHistoryWithAGapStaysAFailure) {
  HistoryBoot broken({Dropped(5'500'000, 3), ResolvConfWrite(5'700'000, "nameserver 10.0.0.1\n")});
  std::vector<CheckResult> checks = broken.Evaluate();
  ASSERT_EQ(checks[0].name, "resolv-conf-intact");
  EXPECT_TRUE(CheckFailed(checks[0])) << checks[0].message;
  EXPECT_FALSE(checks[0].unknown);
  EXPECT_TRUE(checks[1].unknown);  // activation-once saw no reload, but may have missed one
  EXPECT_EQ(UnjudgeableBoot(broken.observations, {}, checks), "");  // a SUT failure
}

}  // namespace
}  // namespace bootstorm
