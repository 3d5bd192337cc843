// Hostile or careless input to the run folder: `--out` onto a recorded run
// and scenario names that would become paths are refused with exit 2 before
// anything is created or overwritten (libvirt's test driver: no VM starts).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

constexpr const char* kRunFiles[] = {"run.json", "boots.jsonl", "results.json"};

class HardeningCli : public StandInRunTest {
 protected:
  HardeningCli() : StandInRunTest("hardening-cli-") {}

  /// A folder holding `file` of an earlier run.
  std::filesystem::path RecordedRun(const std::string& name, const std::string& file) {
    std::filesystem::path run = dir_ / name;
    std::filesystem::create_directories(run);
    std::ofstream(run / file) << "recorded\n";
    return run;
  }
  std::vector<std::string> RunArgs(const std::string& scenario) {
    return {"run", scenario, "--connect", "test:///default", "--image", (dir_ / "image").string()};
  }
  /// A suite of one scenario file, by absolute path.
  std::filesystem::path Suite(const std::filesystem::path& scenario) {
    std::filesystem::path suite = dir_ / "suite.json";
    std::ofstream(suite) << nlohmann::json{{"name", "s"}, {"scenarios", {scenario.string()}}};
    return suite;
  }
  std::vector<std::string> VerifyArgs(const std::filesystem::path& suite,
                                      const std::filesystem::path& out) {
    return {"verify",    suite.string(),    "--out",   out.string(),
            "--connect", "test:///default", "--image", (dir_ / "image").string()};
  }
  /// `args` exit 2 with `message` on stderr.
  static void ExpectRefused(const std::vector<std::string>& args, const std::string& message) {
    CliRun r = RunBootstorm(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
};

TEST_F(HardeningCli, RunOutOntoARecordedRunExits2AndKeepsIt) {
  for (const char* file : kRunFiles) {
    std::filesystem::path run = RecordedRun(std::string("run-") + file, file);
    std::vector<std::string> args = RunArgs(ScenarioPath("smoke.json").string());
    args.insert(args.end(), {"--out", run.string()});
    ExpectRefused(args, fmt::format("--out {}: holds a run ({}); continue it with `bootstorm run "
                                    "--resume {}` or pick another folder",
                                    run.string(), file, run.string()));
    EXPECT_EQ(ReadFileText(run / file), "recorded\n") << file;
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(run), {}), 1) << file;
  }
}

TEST_F(HardeningCli, VerifyOutOntoARecordedRunExits2AndKeepsIt) {
  std::filesystem::path suite = Suite(ScenarioPath("smoke.json"));
  std::filesystem::path run = RecordedRun("verify-run", "run.json");
  ExpectRefused(VerifyArgs(suite, run), "--out " + run.string() + ": holds a run (run.json)");
  // An earlier verify: each scenario's run is in <out>/<name>.
  std::filesystem::path earlier = dir_ / "verify-earlier";
  RecordedRun("verify-earlier/smoke", "boots.jsonl");
  ExpectRefused(VerifyArgs(suite, earlier),
                "--out " + (earlier / "smoke").string() + ": holds a run (boots.jsonl)");
  EXPECT_EQ(ReadFileText(earlier / "smoke" / "boots.jsonl"), "recorded\n");
}

TEST_F(HardeningCli, AScenarioNameThatIsAPathExits2NamingTheField) {
  std::filesystem::path scenario = dir_ / "escape.json";
  for (const char* name : {"../../escaped", ".", "/tmp/escaped", "a/b"}) {
    std::ofstream(scenario) << nlohmann::json{
        {"name", name}, {"vms", 1}, {"network", {{"nameservers", {"192.0.2.53"}}}}};
    ExpectRefused(RunArgs(scenario.string()), scenario.string() + ": scenario.name: ");
    std::filesystem::path out = dir_ / "verify-out";
    ExpectRefused(VerifyArgs(Suite(scenario), out), scenario.string() + ": scenario.name: ");
    EXPECT_FALSE(std::filesystem::exists(out)) << name;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_.parent_path().parent_path() / "escaped"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "bootstorm-runs"));
}

}  // namespace
}  // namespace bootstorm
