#include "reproduction.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

CheckResult Check(std::string name, bool passed) {
  CheckResult c;
  c.name = std::move(name);
  c.passed = passed;
  if (!passed) c.checkpoint = "after-network";
  return c;
}

BootRecord Pass(int boot) {
  BootRecord b;
  b.boot = boot;
  b.outcome = Outcome::kPass;
  b.checks = {Check("resolv-conf-intact", true), Check("nm-dns-none", true)};
  return b;
}

BootRecord Failing(int boot, std::vector<std::string> failed) {
  BootRecord b = Pass(boot);
  b.outcome = Outcome::kSutFailure;
  for (const std::string& name : failed) b.checks.push_back(Check(name, false));
  return b;
}

BootRecord Infra(int boot) {
  BootRecord b;
  b.boot = boot;
  b.outcome = Outcome::kInfraError;
  b.infra_error = "domain stopped";
  return b;
}

TEST(Reproduction, BehaviourIsTheClassAndTheFailedInvariants) {
  EXPECT_EQ(FormatBehaviour(BehaviourOf(Pass(1))), "pass");
  EXPECT_EQ(FormatBehaviour(BehaviourOf(Infra(1))), "infra_error");
  EXPECT_EQ(FormatBehaviour(BehaviourOf(Failing(1, {"resolv-conf-intact", "activation-once"}))),
            "sut_failure (activation-once, resolv-conf-intact)");
}

TEST(Reproduction, ACheckThatDidNotApplyIsNotAFailedInvariant) {
  BootRecord b = Failing(1, {"resolv-conf-intact"});
  b.checks.push_back(NotApplicable("atomic-write", "cloud-init renders it"));
  EXPECT_EQ(FormatBehaviour(BehaviourOf(b)), "sut_failure (resolv-conf-intact)");
}

TEST(Reproduction, SameBehaviourOnEveryBootReproduces) {
  std::vector<BootRecord> original = {Failing(1, {"resolv-conf-intact"}), Pass(2)};
  ReplayComparison c = CompareReplay(original, {Failing(1, {"resolv-conf-intact"}), Pass(2)});
  EXPECT_EQ(c.result, Reproduction::kReproduced);
  ASSERT_EQ(c.boots.size(), 2u);
  EXPECT_EQ(c.boots[1].replayed, BehaviourOf(Pass(2)));
}

TEST(Reproduction, WhereAndHowAnInvariantFailedDoesNotMatter) {
  BootRecord later = Failing(1, {"resolv-conf-intact"});
  later.checks.back().checkpoint = "final";
  later.checks.back().message = "other text";
  EXPECT_EQ(CompareReplay({Failing(1, {"resolv-conf-intact"})}, {later}).result,
            Reproduction::kReproduced);
}

TEST(Reproduction, AnotherClassOrAnotherSetOfInvariantsDoesNotReproduce) {
  std::vector<BootRecord> original = {Failing(1, {"resolv-conf-intact", "nm-dns-none"})};
  ReplayComparison fewer = CompareReplay(original, {Failing(1, {"resolv-conf-intact"})});
  EXPECT_EQ(fewer.result, Reproduction::kNotReproduced);
  EXPECT_EQ(fewer.why,
            "boot 1: sut_failure (resolv-conf-intact) instead of sut_failure (nm-dns-none, "
            "resolv-conf-intact)");
  EXPECT_EQ(CompareReplay(original, {Pass(1)}).result, Reproduction::kNotReproduced);
  // A passing boot that now fails is a difference too.
  EXPECT_EQ(CompareReplay({Pass(1)}, {Failing(1, {"interfaces-up"})}).result,
            Reproduction::kNotReproduced);
}

TEST(Reproduction, AnInfraErrorOrAMissingBootIsUnknownUnlessAnEarlierBootDiffered) {
  std::vector<BootRecord> original = {Pass(1), Failing(2, {"resolv-conf-intact"})};
  ReplayComparison infra = CompareReplay(original, {Pass(1), Infra(2)});
  EXPECT_EQ(infra.result, Reproduction::kUnknown);
  EXPECT_EQ(infra.why, "boot 2 of the replay ended in an infra error");
  ReplayComparison cut = CompareReplay(original, {Pass(1)});
  EXPECT_EQ(cut.result, Reproduction::kUnknown);
  EXPECT_FALSE(cut.boots[1].replayed);
  EXPECT_EQ(CompareReplay(original, {Failing(1, {"interfaces-up"})}).result,
            Reproduction::kNotReproduced);
  // Even a recorded infra error is not "reproduced" by another one.
  EXPECT_EQ(CompareReplay({Infra(1)}, {Infra(1)}).result, Reproduction::kUnknown);
}

TEST(Reproduction, TheFailureToKeepIsTheFirstFailingBoot) {
  EXPECT_EQ(FirstFailure({Pass(1), Pass(2)}), std::nullopt);
  std::optional<FailureSignature> s = FirstFailure(
      {Pass(1), Failing(2, {"nm-dns-none", "resolv-conf-intact"}), Failing(3, {"interfaces-up"})});
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (FailureSignature{2, {"nm-dns-none", "resolv-conf-intact"}}));
}

TEST(Reproduction, ATrialShowsTheFailureWhenItsBootFailsTheSameInvariants) {
  FailureSignature s{2, {"resolv-conf-intact"}};
  EXPECT_EQ(ShowsFailure(s, {Pass(1), Failing(2, {"resolv-conf-intact"})}),
            Reproduction::kReproduced);
  // Earlier boots may pass or fail: only the failing boot is compared.
  EXPECT_EQ(ShowsFailure(s, {Failing(1, {"interfaces-up"}), Failing(2, {"resolv-conf-intact"})}),
            Reproduction::kReproduced);
  EXPECT_EQ(ShowsFailure(s, {Pass(1), Pass(2)}), Reproduction::kNotReproduced);
  EXPECT_EQ(ShowsFailure(s, {Pass(1), Failing(2, {"resolv-conf-intact", "nm-dns-none"})}),
            Reproduction::kNotReproduced);
  EXPECT_EQ(ShowsFailure(s, {Pass(1), Infra(2)}), Reproduction::kUnknown);
  EXPECT_EQ(ShowsFailure(s, {Infra(1)}), Reproduction::kUnknown);
  EXPECT_EQ(ShowsFailure(s, {}), Reproduction::kUnknown);
}

}  // namespace
}  // namespace bootstorm
