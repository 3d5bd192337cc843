#include "activation_once_checker.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

const NmReload kByNetwork{"reload", 40'000'000, "bootstorm-network.service"};
const NmReload kByFinal{"reload", 60'000'000, "bootstorm-final.service"};

std::vector<Observation> EndingWith(std::vector<NmReload> reloads) {
  Observation early;
  early.checkpoint = std::string(kCheckpointEarly);
  Observation end;
  end.checkpoint = std::string(kCheckpointEnd);
  end.nm_reloads = std::move(reloads);
  return {early, end};
}

BootExpectation Expect(bool manages, bool renderer_path_missed) {
  BootExpectation e;
  e.agent_manages_network = manages;
  e.renderer_path_missed = renderer_path_missed;
  return e;
}

TEST(ActivationOnceChecker, OneNetworkStageReloadWhenNmStartedFirstPasses) {
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), EndingWith({kByNetwork}));
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected["at_most"], 1);
  ASSERT_EQ(r.actual["reloads"].size(), 1u);
  EXPECT_EQ(r.actual["reloads"][0]["requested_by"], "bootstorm-network.service");
  EXPECT_TRUE(ActivationOnceChecker().Check(Expect(true, true), EndingWith({})).passed);
}

TEST(ActivationOnceChecker, NoReloadOnTheRendererPathPasses) {
  EXPECT_TRUE(ActivationOnceChecker().Check(Expect(true, false), EndingWith({})).passed);
}

TEST(ActivationOnceChecker, ReloadOnTheRendererPathFails) {
  CheckResult r = ActivationOnceChecker().Check(Expect(true, false), EndingWith({kByNetwork}));
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.checkpoint, "end");
  EXPECT_NE(r.message.find("renderer path"), std::string::npos) << r.message;
}

TEST(ActivationOnceChecker, ReloadFromTheFinalUnitFailsEvenWhenNeeded) {
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), EndingWith({kByFinal}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("by bootstorm-final.service: only the network stage may"),
            std::string::npos)
      << r.message;
  r = ActivationOnceChecker().Check(Expect(true, true), EndingWith({{"restart", 5'000'000, ""}}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("NM restart at 5.0 s by no agent stage"), std::string::npos)
      << r.message;
}

TEST(ActivationOnceChecker, TwiceInOneBootFails) {
  CheckResult r =
      ActivationOnceChecker().Check(Expect(true, true), EndingWith({kByNetwork, kByNetwork}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("2 reloads or restarts in one boot"), std::string::npos) << r.message;
}

TEST(ActivationOnceChecker, AnyReloadWithoutTheAgentFails) {
  EXPECT_TRUE(ActivationOnceChecker().Check(Expect(false, true), EndingWith({})).passed);
  CheckResult r = ActivationOnceChecker().Check(Expect(false, true), EndingWith({kByNetwork}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("does not manage the network"), std::string::npos) << r.message;
}

TEST(ActivationOnceChecker, NoObservationFails) {
  EXPECT_FALSE(ActivationOnceChecker().Check(Expect(true, true), {}).passed);
}

TEST(ActivationOnceChecker, RestartsThatAGuestFaultCausedAreNotCounted) {
  std::vector<Observation> observations =
      EndingWith({{"restart", 30'000'000, "bootstorm-network.service"}, kByNetwork});
  observations.back().faults = {{"nm-restart", "NetworkManager.service", 29'000'000, 33'000'000}};
  // On the activator path the reference's own reload is then the only one.
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), observations);
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.actual["reloads"].size(), 2u);
  // On the renderer path the fault's restart alone is fine, the reload is not.
  EXPECT_FALSE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
  observations.back().nm_reloads.pop_back();
  EXPECT_TRUE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
  // A fault of another kind, or a window that does not hold the restart, excuses nothing.
  observations.back().faults = {{"delay", "NetworkManager.service", 29'000'000, 33'000'000},
                                {"nm-restart", "NetworkManager.service", 31'000'000, 33'000'000}};
  EXPECT_FALSE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
}

HistoryEvent UnitState(std::int64_t us, std::string unit, std::string state) {
  HistoryEvent e;
  e.kind = std::string(kHistoryUnit);
  e.monotonic_us = us;
  e.unit = std::move(unit);
  e.active_state = std::move(state);
  return e;
}

HistoryEvent Job(std::int64_t us, std::string op, std::uint32_t id, std::string type,
                 std::string result = "") {
  HistoryEvent e;
  e.kind = std::string(kHistoryJob);
  e.monotonic_us = us;
  e.op = std::move(op);
  e.unit = "NetworkManager.service";
  e.job_id = id;
  e.job_type = std::move(type);
  e.result = std::move(result);
  return e;
}

HistoryEvent End(std::int64_t us) {
  HistoryEvent e;
  e.kind = std::string(kHistoryMarker);
  e.monotonic_us = us;
  e.name = std::string(kCheckpointEnd);
  return e;
}

// NetworkManager started by the boot's transaction, then the network stage
// (activating since 30 s) asks for a reload; the shutdown stops it.
std::vector<HistoryEvent> NetworkStageReload(std::string reload_result) {
  return {Job(1'000'000, "queued", 5, "start"),
          UnitState(2'000'000, "NetworkManager.service", "active"),
          Job(2'000'000, "removed", 5, "start", "done"),
          UnitState(30'000'000, "bootstorm-network.service", "activating"),
          Job(40'000'000, "new", 90, "reload"),
          Job(40'500'000, "removed", 90, "reload", reload_result),
          UnitState(45'000'000, "bootstorm-network.service", "active"),
          End(50'000'000),
          Job(55'000'000, "new", 95, "stop")};  // the shutdown
}

TEST(NmReloadsFromHistory, AReloadJobAfterTheFirstStartWithTheUnitThatAsked) {
  std::optional<std::vector<NmReload>> r = NmReloadsFromHistory(NetworkStageReload("done"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (std::vector<NmReload>{{"reload", 40'000'000, "bootstorm-network.service"}}));
  // A reload job that did not run (NM was not active) is none.
  EXPECT_EQ(NmReloadsFromHistory(NetworkStageReload("skipped"))->size(), 0u);
}

TEST(NmReloadsFromHistory, AStopThenAStartIsARestartByTheLatestSutUnitStarting) {
  std::vector<HistoryEvent> h = {UnitState(2'000'000, "NetworkManager.service", "active"),
                                 UnitState(50'000'000, "cloud-config.service", "activating"),
                                 UnitState(55'000'000, "cloud-final.service", "activating"),
                                 UnitState(55'000'000, "bootstorm-observer.service", "activating"),
                                 Job(60'000'000, "new", 91, "stop"),
                                 Job(61'000'000, "new", 92, "start")};
  EXPECT_EQ(*NmReloadsFromHistory(h),
            (std::vector<NmReload>{{"restart", 60'000'000, "cloud-final.service"}}));
  h.pop_back();
  EXPECT_EQ(NmReloadsFromHistory(h)->front().action, "stop");
}

TEST(NmReloadsFromHistory, NoSystemdEventsIsNoEvidence) {
  HistoryEvent marker;
  marker.kind = std::string(kHistoryMarker);
  EXPECT_FALSE(NmReloadsFromHistory({marker}).has_value());
}

TEST(ActivationOnceChecker, TheHistorysJobsAreTheEvidenceWhenThereAreAny) {
  // The journal saw nothing; the history saw a reload on the renderer path.
  CheckResult r = ActivationOnceChecker().CheckHistory(Expect(true, false), EndingWith({}),
                                                       NetworkStageReload("done"));
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.actual["reloads"].size(), 1u);
  EXPECT_EQ(r.actual["reloads"][0]["requested_by"], "bootstorm-network.service");
  // Without systemd events in it, the journal's evidence stands.
  EXPECT_TRUE(ActivationOnceChecker().CheckHistory(Expect(true, false), EndingWith({}), {}).passed);
}

TEST(ActivationOnceChecker, CloudInitMayReloadOnceFromItsOwnUnits) {
  BootExpectation e = Expect(false, false);
  e.sut_is_cloud_init = true;
  const NmReload by_network_stage{"reload", 40'000'000, "cloud-init-network.service"};
  CheckResult r = ActivationOnceChecker().Check(e, EndingWith({by_network_stage}));
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected["requested_by"], "a cloud-init unit");
  r = ActivationOnceChecker().Check(e, EndingWith({by_network_stage, by_network_stage}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("2 reloads or restarts in one boot"), std::string::npos) << r.message;
  r = ActivationOnceChecker().Check(e, EndingWith({kByFinal}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("only cloud-init's stages may"), std::string::npos) << r.message;
}

// A boot whose final checkpoint saw `activations` and whose end saw
// `reloads` (and, after the final checkpoint, the harness's own re-up).
std::vector<Observation> ActivatedAtFinal(std::vector<NmReload> reloads,
                                          std::vector<NmActivation> activations) {
  std::vector<Observation> observations = EndingWith(std::move(reloads));
  Observation final_checkpoint;
  final_checkpoint.checkpoint = std::string(kCheckpointFinal);
  final_checkpoint.nm_activations = activations;
  activations.push_back({"bootstorm ens2", 90'000'000, "bootstorm-final.service"});
  observations.back().nm_activations = std::move(activations);
  observations.insert(observations.end() - 1, final_checkpoint);
  return observations;
}

TEST(ActivationOnceChecker, AnActivationAfterTheSutsReloadPasses) {
  CheckResult r = ActivationOnceChecker().Check(
      Expect(true, true), ActivatedAtFinal({kByNetwork}, {{"bootstorm ens2", 41'000'000,
                                                           "bootstorm-network.service"}}));
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected["reload_before_activation"], true);
  // The final checkpoint's: the re-up after it is not the SUT's.
  ASSERT_EQ(r.actual["activations"].size(), 1u);
  EXPECT_EQ(r.actual["activations"][0]["connection"], "bootstorm ens2");
}

TEST(ActivationOnceChecker, AnActivationWithoutAReloadBeforeItFails) {
  // The per-interface activator: up, no reload.
  const NmActivation up{"bootstorm ens2", 41'000'000, "bootstorm-network.service"};
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), ActivatedAtFinal({}, {up}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("bootstorm-network.service activated connection 'bootstorm ens2' at "
                           "41.0 s with no reload or restart of NM by the SUT before it"),
            std::string::npos)
      << r.message;
  // The 2020-2022 unit-file restart comes after the activation: too late.
  r = ActivationOnceChecker().Check(Expect(true, true), ActivatedAtFinal({kByFinal}, {up}));
  EXPECT_NE(r.message.find("activated connection"), std::string::npos) << r.message;
  // A stop is no re-read.
  std::vector<Observation> o =
      ActivatedAtFinal({{"stop", 30'000'000, "bootstorm-network.service"}}, {up});
  EXPECT_NE(ActivationOnceChecker().Check(Expect(true, true), o).message.find("activated"),
            std::string::npos);
  // A restart inside a guest fault's window is not counted against the
  // reload limit, but NM did re-read its files then: the activation after it
  // is fine (as when nm-kill hits the reference activator's reload).
  o = ActivatedAtFinal({{"restart", 30'000'000, "bootstorm-network.service"}}, {up});
  o.back().faults = {{"nm-kill", "NetworkManager.service", 29'000'000, 33'000'000}};
  CheckResult killed = ActivationOnceChecker().Check(Expect(true, true), o);
  EXPECT_TRUE(killed.passed) << killed.message;
}

TEST(ActivationOnceChecker, CloudInitsActivationNeedsCloudInitsReload) {
  BootExpectation e = Expect(false, false);
  e.sut_is_cloud_init = true;
  const NmActivation up{"cloud-init ens2", 45'000'000, "cloud-init-network.service"};
  const NmReload reload{"reload", 44'000'000, "cloud-init-network.service"};
  EXPECT_TRUE(ActivationOnceChecker().Check(e, ActivatedAtFinal({reload}, {up})).passed);
  CheckResult r = ActivationOnceChecker().Check(e, ActivatedAtFinal({}, {up}));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("cloud-init-network.service activated connection 'cloud-init ens2'"),
            std::string::npos)
      << r.message;
  // The observer's own units are not cloud-init's: their activations are not judged.
  EXPECT_TRUE(ActivationOnceChecker()
                  .Check(e, ActivatedAtFinal({}, {{"x", 45'000'000, "bootstorm-network.service"}}))
                  .passed);
}

TEST(ActivationOnceChecker, AnInterruptedPartsActivationsAreNotTheRecoveryBoots) {
  // The interrupted part activated without a reload (its own clock); the
  // recovery boot, judged, activated nothing.
  std::vector<Observation> o = ActivatedAtFinal({}, {});
  Observation interrupted;
  interrupted.checkpoint = std::string(kCheckpointFinal);
  interrupted.part = std::string(kPartInterrupted);
  interrupted.nm_activations = {{{"bootstorm ens2", 41'000'000, "bootstorm-network.service"}}};
  o.insert(o.begin(), interrupted);
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), o);
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.actual["activations"].size(), 0u);
}

TEST(ActivationOnceChecker, WithoutRecordedActivationsTheRuleIsNotJudgedAndSaysSo) {
  CheckResult r = ActivationOnceChecker().Check(Expect(true, true), EndingWith({}));
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.actual["activations"].is_null());
  EXPECT_NE(r.message.find("reload before activation not judged"), std::string::npos);
}

}  // namespace
}  // namespace bootstorm
