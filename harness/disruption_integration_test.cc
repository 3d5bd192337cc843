// Disrupted runs on real VMs: Ctrl-C and SIGTERM tear down what the run
// created and keep the results so far; after SIGKILL, `bootstorm gc` removes
// what the dead run left and nothing of a live one; a domain that dies under
// the harness is an infra error, retried with the same plan; a guest that
// floods its channel is an infra error while the harness's memory stays small.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libvirt/libvirt.h>
#include <signal.h>
#include <sys/resource.h>

#include <boost/process.hpp>
#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

class InterruptIntegration : public testing::TestWithParam<int> {};

TEST_P(InterruptIntegration, TearsDownAndKeepsResults) {
  namespace bp = boost::process;
  int signal = GetParam();
  std::filesystem::path out = FreshTestDir(std::string("interrupt-") + strsignal(signal));
  bp::ipstream stdout_lines;
  bp::child child(BootstormBinary(), "run", ScenarioPath("smoke.json").string(), "--out",
                  out.string(), "--jobs", "2", "--connect", TestUri(), bp::std_out > stdout_lines,
                  bp::std_in.close());
  // Interrupt once the first domain runs: the harness prints that line right
  // after virDomainCreateXML returned.
  std::string line, transcript;
  bool started = false;
  while (!started && std::getline(stdout_lines, line)) {
    transcript += line + "\n";
    started = line.find(": started ") != std::string::npos;
  }
  ASSERT_TRUE(started) << transcript;
  ASSERT_EQ(kill(child.id(), signal), 0);
  while (std::getline(stdout_lines, line)) transcript += line + "\n";
  child.wait();
  EXPECT_EQ(child.exit_code(), 3) << transcript;

  ASSERT_TRUE(std::filesystem::exists(out / "results.json")) << transcript;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_TRUE(results["interrupted"].get<bool>());
  EXPECT_EQ(results["interrupted_by"], signal == SIGINT ? "SIGINT" : "SIGTERM");
  EXPECT_EQ(results["summary"]["pass"], 0);
  EXPECT_EQ(results["summary"]["sut_failure"], 0);
  EXPECT_EQ(results["summary"]["infra_error"], 2);
  EXPECT_EQ(LeftoversOf(results["run_id"]), std::vector<std::string>{}) << transcript;
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptIntegration, testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

}  // namespace
}  // namespace bootstorm

namespace bootstorm {
namespace {

TEST(KillIntegration, GcRemovesWhatAKilledRunLeftAndNothingOfALiveRun) {
  BackgroundRun live("gc-live");
  ASSERT_TRUE(live.WaitForLine(": started ")) << live.transcript();
  BackgroundRun killed("gc-killed");
  ASSERT_TRUE(killed.WaitForLine(": started ")) << killed.transcript();
  killed.Signal(SIGKILL);
  killed.Finish();
  ASSERT_FALSE(killed.run_id().empty());
  // The kill left its domain, volumes and network behind.
  EXPECT_FALSE(LeftoversOf(killed.run_id()).empty());
  // Whatever boots finished before the kill are on disk.
  EXPECT_TRUE(std::filesystem::exists(killed.out() / "boots.jsonl"));

  CliRun gc = RunBootstorm({"gc", "--connect", TestUri()});
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(LeftoversOf(killed.run_id()), std::vector<std::string>{}) << gc.out;
  std::vector<std::string> live_resources = LeftoversOf(live.run_id());
  EXPECT_FALSE(live_resources.empty()) << "gc removed a live run's resources:\n" << gc.out;

  live.Signal(SIGINT);
  live.Finish();
  EXPECT_EQ(LeftoversOf(live.run_id()), std::vector<std::string>{}) << live.transcript();
}

/// Destroys a running domain from outside, as a crashed QEMU would look.
void DestroyDomain(const std::string& name) {
  virConnectPtr conn = virConnectOpen(TestUri().c_str());
  ASSERT_NE(conn, nullptr);
  virDomainPtr dom = virDomainLookupByName(conn, name.c_str());
  ASSERT_NE(dom, nullptr) << name;
  EXPECT_EQ(virDomainDestroy(dom), 0);
  virDomainFree(dom);
  virConnectClose(conn);
}

TEST(RetryIntegration, DomainDestroyedMidBootIsRetriedWithTheSamePlan) {
  BackgroundRun run("retry");
  ASSERT_TRUE(run.WaitForLine("vm 0 boot 1: started ")) << run.transcript();
  DestroyDomain(fmt::format("bootstorm-{}-vm000", run.run_id()));
  run.Finish();
  EXPECT_NE(run.transcript().find("vm 0 boot 1: infra error, retrying"), std::string::npos)
      << run.transcript();
  nlohmann::json results = ReadJsonFile(run.out() / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 2) << run.transcript();
  EXPECT_EQ(results["summary"]["infra_error"], 0);
  const auto& boot = results["vms"][0]["boots"][0];
  ASSERT_EQ(boot["retried_infra_errors"].size(), 1u) << boot.dump(2);
  EXPECT_NE(boot["retried_infra_errors"][0].get<std::string>().find("destroyed"),
            std::string::npos);
  EXPECT_EQ(boot["outcome"], "pass");
  EXPECT_EQ(LeftoversOf(run.run_id()), std::vector<std::string>{});
}

TEST(RunTimeoutIntegration, StopsTheRunKeepsResultsAndLeavesNothing) {
  std::filesystem::path out = FreshTestDir("run-timeout");
  CliRun run = RunBootstorm({"run", ScenarioPath("smoke.json").string(), "--out", out.string(),
                             "--connect", TestUri(), "--timeout", "10"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["interrupted_by"], "run timeout of 10 s");
  EXPECT_EQ(results["summary"]["pass"], 0);
  EXPECT_EQ(results["summary"]["infra_error"], 2);
  EXPECT_EQ(LeftoversOf(results["run_id"]), std::vector<std::string>{});
}

class HostileGuestIntegration : public testing::TestWithParam<const char*> {};

TEST_P(HostileGuestIntegration, IsAnInfraErrorWithBoundedHostMemory) {
  std::string fault = GetParam();
  std::filesystem::path dir = FreshTestDir("hostile-" + fault);
  std::filesystem::path scenario = dir / "hostile.json";
  std::ofstream(scenario) << fmt::format(R"({{"name": "hostile", "vms": 1, "boots": 1,
      "network": {{"nameservers": ["192.0.2.53"]}}, "faults": [{{"kind": "{}"}}]}})",
                                         fault);
  CliRun run = RunBootstorm({"run", scenario.string(), "--out", (dir / "run").string(), "--connect",
                             TestUri(), "--retries", "0"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  nlohmann::json results = ReadJsonFile(dir / "run" / "results.json");
  EXPECT_EQ(results["summary"]["infra_error"], 1);
  std::string why = results["vms"][0]["boots"][0]["infra_error"];
  EXPECT_TRUE(why.find("malformed observation") != std::string::npos ||
              why.find("over") != std::string::npos || why.find("flooded") != std::string::npos)
      << why;
  // The guest sent up to 100 MiB; the harness held a bounded part of it.
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  EXPECT_LT(usage.ru_maxrss, 64 * 1024) << "peak RSS of the harness in KiB";
  RecordProperty("harness_peak_rss_kib", std::to_string(usage.ru_maxrss));
  EXPECT_EQ(LeftoversOf(results["run_id"]), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Faults, HostileGuestIntegration,
                         testing::Values("probe-huge-line", "probe-garbage"), [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace bootstorm
