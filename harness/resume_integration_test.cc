// `bootstorm run --resume` on real VMs: a run SIGKILLed after its first boot
// finishes when resumed, with each boot recorded once, the resumed VM on the
// disk its first boot left, and nothing left on the hypervisor.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

TEST(ResumeIntegration, ResumeAfterSigkillFinishesTheRunWithEachBootRecordedOnce) {
  namespace bp = boost::process;
  std::filesystem::path out = FreshTestDir("resume-after-kill");
  bp::ipstream lines;
  bp::child child(BootstormBinary(), "run", ScenarioPath("smoke.json").string(), "--jobs", "1",
                  "--out", out.string(), "--connect", TestUri(), bp::std_out > lines,
                  bp::std_in.close());
  std::string line, transcript, run_id;
  bool passed = false;
  while (!passed && std::getline(lines, line)) {
    transcript += line + "\n";
    if (run_id.empty() && line.starts_with("bootstorm run ")) run_id = line.substr(14, 8);
    passed = line.starts_with("vm 0 boot 1: pass");
  }
  ASSERT_TRUE(passed) << transcript;
  ASSERT_EQ(kill(child.id(), SIGKILL), 0);
  while (std::getline(lines, line)) transcript += line + "\n";
  child.wait();
  ASSERT_FALSE(run_id.empty()) << transcript;

  CliRun resumed = RunBootstorm({"run", "--resume", out.string()});
  EXPECT_EQ(resumed.exit_code, 0) << transcript << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("resuming run " + run_id + ": 1 of 4 boots already recorded"),
            std::string::npos)
      << resumed.out;
  EXPECT_EQ(resumed.out.find("vm 0 boot 1: started"), std::string::npos) << resumed.out;

  ExpectEachBootRecordedOnce(out, 4);

  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 2) << resumed.out;
  EXPECT_EQ(results["resumes"], 1);
  // The agent found what boot 1 rendered: boot 2 ran on boot 1's disk.
  EXPECT_TRUE(RanOnTheEarlierBootsDisk(results["vms"][0]["boots"][1]))
      << results["vms"][0]["boots"][1].dump(2);
  EXPECT_EQ(LeftoversOf(run_id), std::vector<std::string>{});
  EXPECT_FALSE(std::filesystem::exists(out / "vm-000" / "disk"));
}

}  // namespace
}  // namespace bootstorm
