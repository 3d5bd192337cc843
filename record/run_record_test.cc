#include "run_record.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace bootstorm {
namespace {

BootRecord Boot(Outcome o) {
  BootRecord b;
  b.outcome = o;
  return b;
}

TEST(RunRecord, VmOutcomePrefersSutFailureOverInfraError) {
  VmRecord vm;
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kInfraError), Boot(Outcome::kSutFailure)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kSutFailure);
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kInfraError)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kInfraError);
  vm.boots = {Boot(Outcome::kPass), Boot(Outcome::kPass)};
  EXPECT_EQ(VmOutcome(vm), Outcome::kPass);
  EXPECT_EQ(VmOutcome(VmRecord{}), Outcome::kInfraError);
}

TEST(RunRecord, SummaryCountsPerVmAndMissingVmsAsInfra) {
  RunRecord run;
  run.vms_planned = 4;
  run.vms.push_back({0, "a", {Boot(Outcome::kPass)}, "test:///a"});
  run.vms.push_back(
      {1, "b", {Boot(Outcome::kSutFailure), Boot(Outcome::kSutFailure)}, "test:///a"});
  run.vms.push_back({2, "c", {Boot(Outcome::kInfraError)}, "test:///a"});
  EXPECT_EQ(Summarize(run), (RunSummary{1, 1, 2}));
  nlohmann::json j = ToJson(run);
  EXPECT_EQ(j["summary"]["pass"], 1);
  EXPECT_EQ(j["summary"]["sut_failure"], 1);
  EXPECT_EQ(j["summary"]["infra_error"], 2);
  EXPECT_EQ(j["vms"][1]["outcome"], "sut_failure");
}

TEST(RunRecord, BootOutcomeFromChecks) {
  CheckResult ok{"a", true, "", nullptr, nullptr, ""};
  CheckResult bad{"b", false, "final", "x", "y", "differs"};
  EXPECT_EQ(BootOutcomeFromChecks({ok}), Outcome::kPass);
  EXPECT_EQ(BootOutcomeFromChecks({ok, bad}), Outcome::kSutFailure);
}

TEST(RunRecord, BootOutcomeIgnoresChecksThatDoNotApply) {
  CheckResult ok{"a", true, "", nullptr, nullptr, ""};
  CheckResult bad{"b", false, "final", "x", "y", "differs"};
  CheckResult na = NotApplicable("atomic-write", "cloud-init writes the file itself");
  EXPECT_FALSE(na.applicable);
  EXPECT_FALSE(CheckFailed(na));
  EXPECT_EQ(na.message, "cloud-init writes the file itself");
  EXPECT_EQ(BootOutcomeFromChecks({ok, na}), Outcome::kPass);
  EXPECT_EQ(BootOutcomeFromChecks({na, ok, bad}), Outcome::kSutFailure);
}

TEST(RunRecord, SameVerdictIgnoresEvidenceAndWording) {
  CheckResult a{"activation-once", true, "", {{"at_most", 1}}, nlohmann::json::array(), ""};
  CheckResult b = a;
  b.expected["reload_before_activation"] = true;
  b.message = "worded otherwise";
  EXPECT_TRUE(SameVerdict(a, b));
  b.passed = false;
  EXPECT_FALSE(SameVerdict(a, b));
  b = a;
  b.unknown = true;
  EXPECT_FALSE(SameVerdict(a, b));
  b = a;
  b.name = "atomic-write";
  EXPECT_FALSE(SameVerdict(a, b));
  EXPECT_TRUE(SameVerdict(NotApplicable("nm-dns-none", "x"), NotApplicable("nm-dns-none", "y")));
  EXPECT_FALSE(SameVerdict(NotApplicable("activation-once", "x"), a));
}

TEST(RunRecord, HostsAndEachVmsUri) {
  RunRecord run;
  run.uri = "test:///a";
  run.vms.push_back({0, "a", {Boot(Outcome::kPass)}, "test:///a"});
  run.hosts.push_back({"test:///a", 2, "qemu", 1, 1, 4.5, ""});
  run.hosts.push_back({"test:///b", 1, "", 0, 0, 0, "cannot connect"});
  nlohmann::json j = ToJson(run);
  EXPECT_EQ(j["hypervisor"]["uri"], "test:///a");
  EXPECT_EQ(j["vms"][0]["uri"], "test:///a");
  ASSERT_EQ(j["hosts"].size(), 2u);
  EXPECT_EQ(j["hosts"][0], (nlohmann::json{{"uri", "test:///a"},
                                           {"weight", 2},
                                           {"virt_type", "qemu"},
                                           {"vms", 1},
                                           {"jobs", 1},
                                           {"upload_seconds", 4.5}}));
  EXPECT_EQ(j["hosts"][1]["setup_error"], "cannot connect");
}

BootRecord FullBoot() {
  BootRecord b;
  b.boot = 2;
  b.plan.run_id = "0123abcd";
  b.plan.vm = 1;
  b.plan.boot = 2;
  b.plan.faults = {{"nm-before-local"}};
  b.outcome = Outcome::kSutFailure;
  b.retried_infra_errors = {"domain stopped (destroyed)"};
  Observation o;
  o.run_id = "0123abcd";
  o.vm = 1;
  o.boot = 2;
  o.checkpoint = "final";
  o.resolv_conf = "nameserver 192.0.2.53\n";
  o.devices.push_back({"enp1s0", "52:54:00:00:00:01", "connected", {"198.51.100.20/24"}, {}});
  o.agent_log = {"network: reload"};
  Observation cut_short = o;
  cut_short.checkpoint = "early";
  cut_short.part = std::string(kPartInterrupted);
  b.observations = {cut_short, o};
  b.checks = {{"resolv-conf-intact",
               false,
               "final",
               {{"nameservers", {"192.0.2.53"}}},
               {{"nameservers", nlohmann::json::array()}},
               "rewritten"},
              {"interfaces-up", true, "", nullptr, nullptr, ""}};
  b.injections = {{"link-flap", 38.5, "link down"}, {"link-flap", 40.25, "link up"}};
  b.seconds = 41.75;
  b.console_log = "vm-001/boot-2.console.log";
  b.interrupted_console_log = "vm-001/boot-2.interrupted.console.log";
  return b;
}

TEST(RunRecord, BootRecordRoundTripsThroughJson) {
  EXPECT_EQ(BootRecordFromJson(ToJson(FullBoot()), "boot"), FullBoot());
  BootRecord infra;
  infra.boot = 1;
  infra.outcome = Outcome::kInfraError;
  infra.infra_error = "no 'end' from the agent within 600 s";
  EXPECT_EQ(BootRecordFromJson(ToJson(infra), "boot"), infra);
}

TEST(RunRecord, BootRecordFromJsonNamesTheBadField) {
  auto error = [](nlohmann::json j) {
    try {
      BootRecordFromJson(j, "boot");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  nlohmann::json j = ToJson(FullBoot());
  j["outcome"] = "maybe";
  EXPECT_EQ(error(j), "boot.outcome: unknown outcome \"maybe\"");
  j = ToJson(FullBoot());
  j["checks"][1]["verdict"] = true;
  EXPECT_EQ(error(j), "boot.checks[1].verdict: expected a string, got boolean");
  j = ToJson(FullBoot());
  j["plan"]["faults"][0]["kind"] = "meteor";
  EXPECT_TRUE(error(j).starts_with("boot.plan.faults[0].kind: unknown fault 'meteor' (known: "))
      << error(j);
  j = ToJson(FullBoot());
  j["observations"][0].erase("vm");
  EXPECT_EQ(error(j), "boot.observations[0].vm: missing");
}

TEST(RunRecord, NotApplicableCheckRoundTripsAndOthersKeepTheirLayout) {
  CheckResult na = NotApplicable("nm-dns-none", "cloud-init leaves NetworkManager's dns alone");
  nlohmann::json j = ToJson(na);
  EXPECT_EQ(j["applicable"], false);
  EXPECT_EQ(j["message"], "cloud-init leaves NetworkManager's dns alone");
  EXPECT_EQ(CheckResultFromJson(j, "check"), na);
  CheckResult ok{"a", true, "", nullptr, nullptr, ""};
  EXPECT_FALSE(ToJson(ok).contains("applicable"));
  EXPECT_TRUE(CheckResultFromJson(ToJson(ok), "check").applicable);
}

TEST(RunRecord, ResultsJsonCarriesApplicableOnlyWhereACheckDoesNotApply) {
  RunRecord run = SampleRunWithNotApplicable();
  nlohmann::json j = ToJson(run);
  const nlohmann::json& check = j["vms"][0]["boots"][0]["checks"][2];
  EXPECT_EQ(check["name"], "atomic-write");
  EXPECT_EQ(check["applicable"], false);
  EXPECT_EQ(check["verdict"], "fail");  // means nothing, and never reads as a pass
  EXPECT_EQ(check["message"], kNotApplicableReason);
  EXPECT_FALSE(j["vms"][0]["boots"][0]["checks"][0].contains("applicable"));
  EXPECT_EQ(RunRecordFromJson(j, "results"), run);
  std::string text =
      ToJson(SampleRun()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  EXPECT_EQ(text.find("applicable"), std::string::npos);
}

TEST(RunRecord, NotApplicableCheckThatPassedIsMalformed) {
  nlohmann::json j = ToJson(FullBoot());
  j["checks"][0]["applicable"] = false;
  j["checks"][0]["verdict"] = "pass";
  try {
    BootRecordFromJson(j, "boot");
    FAIL() << "accepted a passing check that does not apply";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).rfind("boot.checks[0].applicable: ", 0), 0u) << e.what();
  }
  j["checks"][0]["applicable"] = "no";
  EXPECT_THROW(BootRecordFromJson(j, "boot"), std::invalid_argument);
}

TEST(RunRecord, UnknownCheckRoundTripsAndIsNeitherAPassNorAFailure) {
  CheckResult unknown{"resolv-conf-intact", false, "", nullptr, nullptr, "unknown: a gap"};
  unknown.unknown = true;
  nlohmann::json j = ToJson(unknown);
  EXPECT_EQ(j["verdict"], "unknown");
  EXPECT_EQ(CheckResultFromJson(j, "check"), unknown);
  EXPECT_FALSE(CheckFailed(unknown));
  j["applicable"] = false;  // a check that does not apply has no verdict at all
  try {
    CheckResultFromJson(j, "check");
    FAIL() << "accepted an unknown check that does not apply";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not \"unknown\""), std::string::npos) << e.what();
  }
  j.erase("applicable");
  j["verdict"] = "maybe";
  EXPECT_THROW(CheckResultFromJson(j, "check"), std::invalid_argument);
}

// Found in issue 17: 20,000 observations of one boot made a 70 MB results.json.
TEST(RunRecord, MoreObservationsThanTheCapIsAnError) {
  nlohmann::json j = ToJson(FullBoot());
  nlohmann::json one = j["observations"][0];
  j["observations"] = nlohmann::json::array();
  for (std::size_t i = 0; i <= kMaxObservationsPerBoot; ++i) j["observations"].push_back(one);
  try {
    BootRecordFromJson(j, "boot");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "boot.observations: more than 1000 observations in one boot");
  }
}

TEST(RunRecord, IncompleteVmIsNotAPass) {
  VmRecord vm{0, "a", {Boot(Outcome::kPass)}, "", true};
  EXPECT_EQ(VmOutcome(vm), Outcome::kInfraError);
  EXPECT_EQ(ToJson(vm)["incomplete"], true);
  vm.boots.push_back(Boot(Outcome::kSutFailure));
  EXPECT_EQ(VmOutcome(vm), Outcome::kSutFailure);
}

TEST(RunRecord, GuestVersionsOfACloudInitImageRoundTripAndNameTheSut) {
  GuestVersions own{.network_manager = "1.52.1-1",
                    .systemd = "257.13-1~deb13u1",
                    .kernel = "6.12.57+deb13-cloud-amd64",
                    .sut = "cloud-init",
                    .suite = "trixie",
                    .cloud_init = "25.1.4",
                    .cloud_init_origin =
                        "tree cloud-init-25.1.4 (sha256 0123456789abcdef) over the "
                        "Debian trixie package"};
  EXPECT_EQ(GuestVersionsFromJson(ToJson(own), "guest"), own);
  EXPECT_EQ(DescribeSut(own),
            "cloud-init 25.1.4 (trixie, tree cloud-init-25.1.4 (sha256 0123456789abcdef) over "
            "the Debian trixie package)");
}

TEST(RunRecord, GuestVersionsOfAnAgentImageHaveNoCloudInitFields) {
  GuestVersions agent{.network_manager = "1.42.4-1",
                      .systemd = "252.39-1",
                      .sut = "bootstorm-agent",
                      .suite = "bookworm"};
  nlohmann::json j = ToJson(agent);
  EXPECT_FALSE(j.contains("cloud_init"));
  EXPECT_FALSE(j.contains("cloud_init_origin"));
  EXPECT_EQ(DescribeSut(agent), "bootstorm-agent (bookworm)");
  EXPECT_EQ(DescribeSut(GuestVersions{}), "");
}

}  // namespace
}  // namespace bootstorm
