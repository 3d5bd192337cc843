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
  ASSERT_EQ(r.actual.size(), 1u);
  EXPECT_EQ(r.actual[0]["requested_by"], "bootstorm-network.service");
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
  EXPECT_EQ(r.actual.size(), 2u);
  // On the renderer path the fault's restart alone is fine, the reload is not.
  EXPECT_FALSE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
  observations.back().nm_reloads.pop_back();
  EXPECT_TRUE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
  // A fault of another kind, or a window that does not hold the restart, excuses nothing.
  observations.back().faults = {{"delay", "NetworkManager.service", 29'000'000, 33'000'000},
                                {"nm-restart", "NetworkManager.service", 31'000'000, 33'000'000}};
  EXPECT_FALSE(ActivationOnceChecker().Check(Expect(true, false), observations).passed);
}

}  // namespace
}  // namespace bootstorm
