// `bootstorm replay` and `bootstorm shrink` on bad input: exit code 2 and a
// message that says why, before any VM is started. On libvirt's test driver
// (no daemon, no VM can boot) a replay's boots end in infra errors: the
// answer is "unknown" (exit 3), never "not reproduced".
#include <gtest/gtest.h>

#include <fstream>

#include "boots_log.h"
#include "cli_test_support.h"
#include "run_manifest.h"

namespace bootstorm {
namespace {

constexpr const char* kTwoVmsTwoBoots =
    R"({"name": "replayed", "vms": 2, "boots": 2, "activator": "legacy-interfaces",
        "network": {"nameservers": ["192.0.2.53"]},
        "faults": [{"kind": "nm-before-local"}, {"kind": "connection-reup"}]})";

class ReplayCli : public StandInRunTest {
 protected:
  ReplayCli() : StandInRunTest("replay-cli-") {}
  void SetUp() override {
    StandInRunTest::SetUp();
    manifest_.run_id = "01d01d00";
    manifest_.scenario_file = "replayed.json";
    manifest_.scenario_text = kTwoVmsTwoBoots;
    manifest_.infra_retries = 0;  // each trial on the test driver fails once
  }

  /// A run folder in which VM 0 recorded boot 1 (a SUT failure with both
  /// faults) and, when `two_boots`, boot 2 (a pass); VM 1 recorded nothing.
  std::filesystem::path RunDir(bool two_boots = true) {
    std::filesystem::path run = dir_ / "run";
    std::filesystem::create_directories(run);
    WriteRunManifest(manifest_, run / "run.json");
    std::ofstream boots(run / "boots.jsonl");
    boots << Line(1, Outcome::kSutFailure);
    if (two_boots) boots << Line(2, Outcome::kPass);
    return run;
  }
  static std::string Line(int boot, Outcome outcome) {
    RecordedBoot r;
    r.run_seconds = 30 * boot;
    r.boot.boot = boot;
    r.boot.plan.run_id = "01d01d00";
    r.boot.plan.boot = boot;
    r.boot.plan.activator = Activator::kLegacyInterfaces;
    r.boot.plan.faults.resize(2);
    r.boot.plan.faults[0].kind = kFaultNmBeforeLocal;
    r.boot.plan.faults[1].kind = kFaultConnectionReup;
    r.boot.outcome = outcome;
    if (outcome == Outcome::kSutFailure) {
      CheckResult c;
      c.name = "resolv-conf-intact";
      c.checkpoint = "after-network";
      r.boot.checks.push_back(c);
    }
    return FormatBootsLine(r);
  }

  /// `args` exit 2 with `message` on stderr.
  static void ExpectRefused(const std::vector<std::string>& args, const std::string& message) {
    CliRun r = RunBootstorm(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
};

TEST_F(ReplayCli, RunFolderAndVmAreRequired) {
  ExpectRefused({"replay"}, "run_dir is required");
  ExpectRefused({"replay", RunDir().string()}, "--vm is required");
  ExpectRefused({"shrink", RunDir().string()}, "--vm is required");
}

TEST_F(ReplayCli, NotARunFolderExits2NamingRunJson) {
  for (const char* command : {"replay", "shrink"})
    ExpectRefused({command, dir_.string(), "--vm", "0"},
                  (dir_ / "run.json").string() + ": cannot read");
}

TEST_F(ReplayCli, UnknownVmOrUnrecordedBootExits2) {
  std::string run = RunDir(false).string();
  ExpectRefused({"replay", run, "--vm", "2"}, run + ": --vm 2: the run has VMs 0 to 1");
  ExpectRefused({"replay", run, "--vm", "1"}, run + ": vm 1 has no recorded boot");
  ExpectRefused({"replay", run, "--vm", "0", "--boot", "2"},
                run + ": --boot 2: vm 0 has boots 1 to 1 recorded");
  ExpectRefused({"shrink", run, "--vm", "1"}, run + ": vm 1 has no recorded boot");
}

TEST_F(ReplayCli, ReplayingIntoTheRecordedRunsFolderExits2) {
  std::string run = RunDir().string();
  ExpectRefused({"replay", run, "--vm", "0", "--out", run},
                "--out " + run + ": that is the recorded run's folder");
}

TEST_F(ReplayCli, ReplayingIntoAnotherRunsFolderExits2AndKeepsIt) {
  std::filesystem::path other = dir_ / "other";
  std::filesystem::create_directories(other);
  std::ofstream(other / "boots.jsonl") << "recorded\n";
  ExpectRefused({"replay", RunDir().string(), "--vm", "0", "--out", other.string()},
                "--out " + other.string() +
                    ": holds a run (boots.jsonl); continue it with "
                    "`bootstorm run --resume " +
                    other.string() + "`");
  EXPECT_EQ(ReadFileText(other / "boots.jsonl"), "recorded\n");
}

TEST_F(ReplayCli, MalformedBootsLogExits2NamingFileAndLine) {
  std::filesystem::path run = RunDir();
  std::ofstream(run / "boots.jsonl", std::ios::app) << "{\"vm\": 1}\n";
  ExpectRefused({"replay", run.string(), "--vm", "0"},
                (run / "boots.jsonl").string() + ":3: record.run_seconds: missing");
}

TEST_F(ReplayCli, ChangedGuestImageExits2) {
  manifest_.image_key = "key-0";
  ExpectRefused({"replay", RunDir().string(), "--vm", "0"},
                "the guest image is now \"key-1\" but run 01d01d00 booted \"key-0\"");
}

TEST_F(ReplayCli, ShrinkingAVmWithoutAFailureExits2) {
  std::filesystem::path run = RunDir();
  std::ofstream(run / "boots.jsonl") << Line(1, Outcome::kPass);
  ExpectRefused({"shrink", run.string(), "--vm", "0"},
                "vm 0 has no SUT failure among its 1 recorded boots: nothing to shrink");
}

TEST_F(ReplayCli, InfraErrorsMakeAReplayUnknownNotANonReproduction) {
  std::filesystem::path out = dir_ / "replay";
  CliRun r = RunBootstorm({"replay", RunDir().string(), "--vm", "0", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("boot 1: recorded sut_failure (resolv-conf-intact), replay infra_error"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("boot 2: recorded pass, replay not run"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unknown: run 01d01d00 vm 0 replayed in " + out.string() +
                       ": boot 1 of the replay ended in an infra error"),
            std::string::npos)
      << r.out;
  // A normal run folder, whose run.json holds the replayed plans under its own run id.
  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["vms"].size(), 1u);
  RunManifest replay = ReadRunManifest(out / "run.json");
  EXPECT_NE(replay.run_id, manifest_.run_id);
  ASSERT_EQ(replay.plans.size(), 1u);
  ASSERT_EQ(replay.plans[0].size(), 2u);
  EXPECT_EQ(replay.plans[0][1].run_id, replay.run_id);
  EXPECT_EQ(replay.plans[0][1].boot, 2);
  EXPECT_EQ(ToJson(replay.plans[0][1])["faults"].dump(),
            nlohmann::json::parse(Line(2, Outcome::kPass))["plan"]["faults"].dump());
}

TEST_F(ReplayCli, ShrinkSaysWhenTrialsEndedInInfraErrors) {
  std::filesystem::path out = dir_ / "shrink";
  std::string run = RunDir().string();
  CliRun r = RunBootstorm({"shrink", run, "--vm", "0", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  // No faults, then each of the two alone; every trial unknown.
  EXPECT_NE(r.out.find("trial 1: 0 of 2 faults (boot 1: no faults): unknown"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("counted as not reproduced"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trial 3: 1 of 2 faults (boot 1: connection-reup): unknown"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("smallest plan: 2 of 2 faults (3 trials, 3 unknown)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("replay: bootstorm replay " + run + " --vm 0 --boot 1"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("3 trials ended in an infra error"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(out / "trial-3" / "output.log"));
}

}  // namespace
}  // namespace bootstorm
