// The checkers on observations recorded from real guests: testdata/
// <scenario>-<activator>-boot<N>.jsonl is VM 0's boot N of
// `bootstorm run scenarios/<scenario>.json --activator <activator>`. One test
// per checker per file, with the verdict the run gave.
#include <gtest/gtest.h>

#include <fstream>

#include "checker.h"
#include "scenario.h"

namespace bootstorm {
namespace {

struct RecordedCase {
  std::string file;
  int boot;
  Activator activator;
  bool renderer_path_missed;
  std::string_view checker;
  bool passes;
  std::string checkpoint;    ///< where it fails ("" when it passes)
  std::string message_part;  ///< part of the message ("" when it passes)
};

std::vector<Observation> Recorded(const std::string& file) {
  std::ifstream in(std::string(BOOTSTORM_TESTDATA_DIR) + "/" + file);
  std::vector<Observation> observations;
  for (std::string line; std::getline(in, line);) observations.push_back(ParseObservation(line));
  return observations;
}

// The run network of a recorded boot: 198.51.100.0/24 unless another run
// held that subnet while it was recorded.
std::string SubnetOf(const std::string& file) {
  if (file.starts_with("local-after-online-")) return "198.18.3.0/24";
  if (file.starts_with("nm-killed-") || file.starts_with("nm-restarted-")) return "198.18.2.0/24";
  return "198.51.100.0/24";
}

// What the harness expected of the recorded boot.
BootExpectation Expectation(const RecordedCase& c, const std::vector<Observation>& observations) {
  BootExpectation e;
  e.boot = c.boot;
  e.agent_manages_network = AgentManagesNetwork(c.activator);
  e.renderer_path_missed = c.renderer_path_missed;
  e.dns = e.agent_manages_network ? DnsConfig{{"192.0.2.53", "192.0.2.54"}, {"example.test"}}
                                  : DnsConfig{{"198.51.100.1"}, {}};
  e.interfaces.push_back({observations.back().devices.at(0).mac, {true, "", SubnetOf(c.file)}, {}});
  return e;
}

class RecordedObservations : public testing::TestWithParam<RecordedCase> {};

TEST_P(RecordedObservations, CheckerGivesTheRunsVerdict) {
  const RecordedCase& c = GetParam();
  std::vector<Observation> observations = Recorded(c.file);
  ASSERT_FALSE(observations.empty()) << c.file;
  ASSERT_EQ(observations.back().checkpoint, kCheckpointEnd);
  CheckResult r = MakeCheckers({std::string(c.checker)})
                      .at(0)
                      ->Check(Expectation(c, observations), observations);
  EXPECT_EQ(r.passed, c.passes) << r.message;
  EXPECT_EQ(r.checkpoint, c.checkpoint) << r.message;
  EXPECT_NE(r.message.find(c.message_part), std::string::npos) << r.message;
}

// Every checker passes on a file, except those listed as failing.
std::vector<RecordedCase> AllChecks(const std::string& file, int boot, Activator activator,
                                    bool renderer_path_missed,
                                    std::vector<RecordedCase> failing = {}) {
  std::vector<RecordedCase> cases;
  for (std::string_view checker : {kCheckResolvConfIntact, kCheckInterfacesUp, kCheckNmDnsNone,
                                   kCheckActivationOnce, kCheckBootCompletes, kCheckAtomicWrite}) {
    auto failure = std::find_if(failing.begin(), failing.end(),
                                [&](const RecordedCase& f) { return f.checker == checker; });
    if (failure != failing.end())
      cases.push_back({file, boot, activator, renderer_path_missed, checker, false,
                       failure->checkpoint, failure->message_part});
    else
      cases.push_back({file, boot, activator, renderer_path_missed, checker, true, "", ""});
  }
  return cases;
}

// A failing verdict for AllChecks: only checker, checkpoint and message matter.
RecordedCase Fails(std::string_view checker, std::string checkpoint, std::string message_part) {
  return {"",      0,     Activator::kReference, false,
          checker, false, std::move(checkpoint), std::move(message_part)};
}

std::vector<RecordedCase> Cases() {
  const Activator kRef = Activator::kReference;
  const Activator kLegacy = Activator::kLegacyInterfaces;
  const Activator kFinalRestart = Activator::kLegacyFinalRestart;
  const std::string kNmRewrite = "(rewritten by NetworkManager)";
  std::vector<std::vector<RecordedCase>> groups = {
      AllChecks("nm-first-reference-boot1.jsonl", 1, kRef, true),
      AllChecks("nm-first-reference-boot2.jsonl", 2, kRef, true),
      AllChecks("nm-first-legacy-interfaces-boot1.jsonl", 1, kLegacy, true,
                {Fails(kCheckResolvConfIntact, "after-network", kNmRewrite),
                 Fails(kCheckNmDnsNone, "after-network", "is \"default\", not \"none\"")}),
      // The clobbered file survives the reboot.
      AllChecks("nm-first-legacy-interfaces-boot2.jsonl", 2, kLegacy, true,
                {Fails(kCheckResolvConfIntact, "early", kNmRewrite)}),
      AllChecks("nm-first-legacy-final-restart-boot1.jsonl", 1, kFinalRestart, true,
                {Fails(kCheckResolvConfIntact, "after-network", kNmRewrite),
                 Fails(kCheckNmDnsNone, "after-network", "is \"default\", not \"none\""),
                 Fails(kCheckActivationOnce, "end",
                       "by bootstorm-final.service: only the network stage may")}),
      AllChecks("dns-event-reference-boot1.jsonl", 1, kRef, false),
      // The renderer path hides the legacy activator: nothing to activate.
      AllChecks("dns-event-legacy-interfaces-boot1.jsonl", 1, kLegacy, false),
      AllChecks("dns-event-legacy-final-restart-boot1.jsonl", 1, kFinalRestart, false,
                {Fails(kCheckActivationOnce, "end",
                       "by bootstorm-final.service: only the network stage may")}),
      AllChecks("dns-event-none-boot1.jsonl", 1, Activator::kNone, false),
      // Guest-side faults: the local stage after network-online is the
      // activator path; NM killed during activation, the reference retries.
      AllChecks("local-after-online-reference-boot1.jsonl", 1, kRef, true),
      AllChecks("nm-killed-reference-boot1.jsonl", 1, kRef, true),
      AllChecks("nm-restarted-reference-boot1.jsonl", 1, kRef, true),
      // A legacy activator does not wait for the killed NM: its stage fails.
      AllChecks("nm-killed-legacy-interfaces-boot1.jsonl", 1, kLegacy, true,
                {Fails(kCheckBootCompletes, "end", "bootstorm-network.service failed")}),
  };
  std::vector<RecordedCase> cases;
  for (const auto& g : groups) cases.insert(cases.end(), g.begin(), g.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Files, RecordedObservations, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<RecordedCase>& info) {
                           std::string name = info.param.file.substr(0, info.param.file.find('.')) +
                                              "_" + std::string(info.param.checker);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(RecordedObservationsDetail, LocalAfterOnlineNeedsItsReloadFromTheNetworkStage) {
  std::vector<Observation> observations = Recorded("local-after-online-reference-boot1.jsonl");
  ASSERT_EQ(observations.back().nm_reloads.size(), 1u);
  BootExpectation renderer_path;
  renderer_path.renderer_path_missed = false;
  EXPECT_FALSE(MakeCheckers({std::string(kCheckActivationOnce)})
                   .at(0)
                   ->Check(renderer_path, observations)
                   .passed);
}

TEST(RecordedObservationsDetail, TheFaultsRestartIsNotTheActivators) {
  std::vector<Observation> observations = Recorded("nm-restarted-reference-boot1.jsonl");
  ASSERT_EQ(observations.back().nm_reloads.size(), 2u);
  EXPECT_EQ(observations.back().nm_reloads[0].action, kNmRestart);
  ASSERT_EQ(observations.back().faults.size(), 1u);
  EXPECT_EQ(observations.back().faults[0].kind, kFaultNmRestart);
  // Without the fault event, the restart would count as a second activation.
  observations.back().faults.clear();
  BootExpectation activator_path;
  activator_path.renderer_path_missed = true;
  CheckResult r =
      MakeCheckers({std::string(kCheckActivationOnce)}).at(0)->Check(activator_path, observations);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("2 reloads or restarts in one boot"), std::string::npos) << r.message;
}

TEST(RecordedObservationsDetail, ReferenceReloadsOnceFromTheNetworkStage) {
  std::vector<Observation> observations = Recorded("nm-first-reference-boot1.jsonl");
  ASSERT_EQ(observations.back().nm_reloads.size(), 1u);
  EXPECT_EQ(observations.back().nm_reloads[0].requested_by, kUnitNetwork);
  EXPECT_EQ(observations.back().nm_dns_mode, "none");
}

}  // namespace
}  // namespace bootstorm
