// `bootstorm run --resume` on bad input: exit code 2 and a message that says
// why, before any VM is started. A run whose boots are all recorded only gets
// its results.json written again (on libvirt's test driver: no daemon needed).
#include <gtest/gtest.h>

#include <fstream>

#include "boots_log.h"
#include "cli_test_support.h"
#include "run_lock.h"
#include "run_manifest.h"

namespace bootstorm {
namespace {

constexpr const char* kTwoVmsOneBoot =
    R"({"name": "done", "vms": 2, "boots": 1, "network": {"nameservers": ["192.0.2.53"]}})";

class ResumeCli : public StandInRunTest {
 protected:
  ResumeCli() : StandInRunTest("resume-cli-") {}
  void SetUp() override {
    StandInRunTest::SetUp();
    manifest_.run_id = "00c1ab1e";
    manifest_.scenario_file = "done.json";
    manifest_.scenario_text = kTwoVmsOneBoot;
  }

  std::filesystem::path RunDir() {
    std::filesystem::path run = dir_ / "run";
    std::filesystem::create_directories(run);
    WriteRunManifest(manifest_, run / "run.json");
    return run;
  }
  static std::string Line(int vm, Outcome outcome) {
    RecordedBoot r;
    r.vm = vm;
    r.run_seconds = 30 + vm;
    r.boot.boot = 1;
    r.boot.plan.run_id = "00c1ab1e";
    r.boot.plan.vm = vm;
    r.boot.outcome = outcome;
    return FormatBootsLine(r);
  }
  static CliRun Resume(const std::filesystem::path& run, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run", "--resume", run.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunBootstorm(args);
  }

  /// Resuming `run` exits 2 with `message` on stderr.
  static void ExpectRefused(const std::filesystem::path& run, const std::string& message) {
    CliRun r = Resume(run);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
};

TEST_F(ResumeCli, ScenarioOrOptionsFixedByTheRunExit2) {
  std::filesystem::path run = RunDir();
  CliRun both =
      RunBootstorm({"run", ScenarioPath("smoke.json").string(), "--resume", run.string()});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("scenario excludes --resume"), std::string::npos) << both.err;
  for (const char* option : {"--out", "--connect", "--image", "--activator"}) {
    CliRun r = Resume(run, {option, "x"});
    EXPECT_EQ(r.exit_code, 2) << option;
    EXPECT_NE(r.err.find(std::string(option) + " excludes --resume"), std::string::npos) << r.err;
  }
  CliRun neither = RunBootstorm({"run"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("give a scenario file, or --resume RUN_DIR"), std::string::npos)
      << neither.err;
}

TEST_F(ResumeCli, MissingOrCorruptRunJsonExits2NamingIt) {
  ExpectRefused(dir_, (dir_ / "run.json").string() + ": cannot read");
  std::filesystem::path run = RunDir();
  std::ofstream(run / "run.json") << R"({"version": 1, "run_id": )";
  ExpectRefused(run, (run / "run.json").string() + ": run: malformed JSON");
  std::ofstream(run / "run.json") << std::string(100000, '[') << std::string(100000, ']');
  ExpectRefused(run, (run / "run.json").string() + ": run[0]");
}

TEST_F(ResumeCli, ATamperedRunIdExits2NamingFileAndField) {
  std::filesystem::path run = RunDir();
  nlohmann::json j = ReadJsonFile(run / "run.json");
  for (const char* id : {"../../../tmp/victim", "00C1AB1E", "00c1ab1", ""}) {
    j["run_id"] = id;
    std::ofstream(run / "run.json") << j.dump();
    ExpectRefused(run, (run / "run.json").string() + ": run.run_id: ");
  }
}

TEST_F(ResumeCli, LiveRunExits2) {
  std::filesystem::path run = RunDir();
  RunLock lock(manifest_.run_id);
  ExpectRefused(run, "run 00c1ab1e is still running");
}

TEST_F(ResumeCli, ChangedGuestImageExits2) {
  manifest_.image_key = "key-0";
  ExpectRefused(RunDir(), "the guest image is now \"key-1\" but run 00c1ab1e booted \"key-0\"");
}

TEST_F(ResumeCli, MalformedBootsLineExits2NamingFileAndLine) {
  std::filesystem::path run = RunDir();
  std::ofstream(run / "boots.jsonl") << Line(0, Outcome::kPass) << "{\"vm\": 1}\n";
  ExpectRefused(run, (run / "boots.jsonl").string() + ":2: record.run_seconds: missing");
}

TEST_F(ResumeCli, AllBootsRecordedRewritesResultsAndExitsWithTheRunsCode) {
  std::filesystem::path run = RunDir();
  std::string torn = Line(1, Outcome::kPass).substr(0, 40);
  std::ofstream(run / "boots.jsonl")
      << Line(0, Outcome::kPass) << Line(1, Outcome::kSutFailure) << torn;
  CliRun r = Resume(run);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("all 2 boots are recorded already"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("ignoring a torn last line (40 bytes)"), std::string::npos) << r.err;
  nlohmann::json results = ReadJsonFile(run / "results.json");
  EXPECT_EQ(results["summary"],
            (nlohmann::json{{"pass", 1}, {"sut_failure", 1}, {"infra_error", 0}}));
  EXPECT_EQ(results["run_id"], "00c1ab1e");
  EXPECT_EQ(results["resumes"], 0);
  EXPECT_GE(results["wall_seconds"].get<double>(), 31);
  // The hosts come from run.json, each VM's from the placement; no host was contacted.
  ASSERT_EQ(results["hosts"].size(), 1u);
  EXPECT_EQ(results["hosts"][0]["uri"], "test:///default");
  EXPECT_EQ(results["hosts"][0]["vms"], 2);
  EXPECT_EQ(results["hosts"][0]["virt_type"], "");
  EXPECT_EQ(results["vms"][1]["uri"], "test:///default");
  // The torn line is cut off: the next append starts a line of its own.
  BootsLog log = ReadBootsLog(run / "boots.jsonl");
  EXPECT_EQ(log.boots.size(), 2u);
  EXPECT_EQ(log.torn_bytes, 0u);
}

// Found in issue 17: a kill between a record and its newline lost the record.
TEST_F(ResumeCli, CompleteLastRecordWithoutNewlineIsKept) {
  std::filesystem::path run = RunDir();
  std::string last = Line(1, Outcome::kPass);
  last.pop_back();
  std::ofstream(run / "boots.jsonl") << Line(0, Outcome::kPass) << last;
  CliRun r = Resume(run);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("all 2 boots are recorded already"), std::string::npos) << r.out;
  BootsLog log = ReadBootsLog(run / "boots.jsonl");
  EXPECT_EQ(log.boots.size(), 2u);
  EXPECT_FALSE(log.missing_newline);  // ended, so the next append starts a line
}

}  // namespace
}  // namespace bootstorm
