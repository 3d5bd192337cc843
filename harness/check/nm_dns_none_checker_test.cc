#include "nm_dns_none_checker.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

Observation At(std::string_view checkpoint, std::string mode) {
  Observation o;
  o.checkpoint = std::string(checkpoint);
  o.nm_dns_mode = std::move(mode);
  return o;
}

BootExpectation Managed() { return BootExpectation{}; }
BootExpectation Unmanaged() {
  BootExpectation e;
  e.agent_manages_network = false;
  return e;
}

TEST(NmDnsNoneChecker, PassesWhenNoneFromFinalOnAndUnknownAtAfterNetwork) {
  CheckResult r = NmDnsNoneChecker().Check(
      Managed(), {At(kCheckpointEarly, ""), At(kCheckpointAfterNetwork, ""),
                  At(kCheckpointFinal, "none"), At(kCheckpointAfterDnsEvent, "none")});
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.expected, "none");
  EXPECT_EQ(r.actual, "none");
}

TEST(NmDnsNoneChecker, DefaultModeAtAfterNetworkFails) {
  CheckResult r = NmDnsNoneChecker().Check(
      Managed(), {At(kCheckpointAfterNetwork, "default"), At(kCheckpointFinal, "none")});
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.checkpoint, "after-network");
  EXPECT_EQ(r.actual, "default");
  EXPECT_NE(r.message.find("did not load dns=none"), std::string::npos) << r.message;
}

TEST(NmDnsNoneChecker, UnknownOrDefaultModeAtFinalOrAfterADnsEventFails) {
  CheckResult r = NmDnsNoneChecker().Check(Managed(), {At(kCheckpointFinal, "")});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("unknown"), std::string::npos) << r.message;
  r = NmDnsNoneChecker().Check(
      Managed(), {At(kCheckpointFinal, "none"), At(kCheckpointAfterDnsEvent, "default")});
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.checkpoint, "after-dns-event");
}

TEST(NmDnsNoneChecker, MissingFinalFails) {
  CheckResult r = NmDnsNoneChecker().Check(Managed(), {At(kCheckpointAfterNetwork, "none")});
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "no observation at final");
}

TEST(NmDnsNoneChecker, WithoutTheAgentNetworkManagerMustOwnDns) {
  EXPECT_TRUE(
      NmDnsNoneChecker()
          .Check(Unmanaged(), {At(kCheckpointAfterNetwork, ""), At(kCheckpointFinal, "default")})
          .passed);
  CheckResult r = NmDnsNoneChecker().Check(Unmanaged(), {At(kCheckpointFinal, "none")});
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("does not manage DNS"), std::string::npos) << r.message;
  EXPECT_FALSE(NmDnsNoneChecker().Check(Unmanaged(), {At(kCheckpointFinal, "")}).passed);
}

TEST(NmDnsNoneChecker, DoesNotApplyToCloudInit) {
  BootExpectation e;
  e.agent_manages_network = false;
  e.sut_is_cloud_init = true;
  CheckResult r = NmDnsNoneChecker().Check(e, {});
  EXPECT_FALSE(r.applicable);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("reference agent's design"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace bootstorm
