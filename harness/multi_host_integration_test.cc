// One run over several hypervisors (CTest label "integration"): two private
// libvirt daemons, each in its own network namespace with its own socket and
// storage pool, stand in for two hosts that share no file system with the
// harness. The image and config drives reach them as uploaded volumes, the
// channel and console as streams.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <set>

#include "cli_test_support.h"
#include "libvirt_hypervisor.h"

namespace bootstorm {
namespace {

/// Both daemons live for the whole suite: starting one takes seconds.
class MultiHostIntegration : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // These names are reserved for this suite: other suites start other daemons concurrently.
    mh1_ = std::make_unique<PrivateDaemon>("mh1");
    mh2_ = std::make_unique<PrivateDaemon>("mh2");
  }
  static void TearDownTestSuite() {
    mh2_.reset();
    mh1_.reset();
  }
  static std::unique_ptr<PrivateDaemon> mh1_, mh2_;
};

std::unique_ptr<PrivateDaemon> MultiHostIntegration::mh1_;
std::unique_ptr<PrivateDaemon> MultiHostIntegration::mh2_;

/// Writes a scenario of `vms` VMs x `boots` boots with no fault.
std::filesystem::path WriteScenario(const std::filesystem::path& dir, int vms, int boots) {
  std::filesystem::path path = dir / "scenario.json";
  std::ofstream(path) << fmt::format(
      R"({{"name": "multi-host", "vms": {}, "boots": {},
          "network": {{"nameservers": ["192.0.2.53"]}}}})",
      vms, boots);
  return path;
}

TEST_F(MultiHostIntegration, SmokeOverTwoHostsPlacesAVmOnEachAndPasses) {
  std::filesystem::path out = FreshTestDir("multi-host-smoke");
  auto started = std::chrono::steady_clock::now();
  CliRun cli = RunBootstorm({"run", ScenarioPath("smoke.json").string(), "--out", out.string(),
                             "--connect", mh1_->uri(), "--connect", mh2_->uri()});
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(cli.exit_code, 0) << cli.out << cli.err;
  EXPECT_NE(cli.out.find(fmt::format("2 VMs x 2 boots on 2 hosts: {} (1 VM, 1 at a time), {} "
                                     "(1 VM, 1 at a time)",
                                     mh1_->uri(), mh2_->uri())),
            std::string::npos)
      << cli.out;
  ASSERT_TRUE(std::filesystem::exists(out / "results.json")) << cli.out << cli.err;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  std::string run_id = results["run_id"];

  EXPECT_EQ(results["summary"]["pass"], 2) << cli.out;
  EXPECT_EQ(results["hypervisor"]["uri"], mh1_->uri());
  ASSERT_EQ(results["hosts"].size(), 2u);
  std::set<std::string> vm_uris;
  for (const auto& vm : results["vms"]) {
    vm_uris.insert(vm["uri"].get<std::string>());
    EXPECT_EQ(vm["outcome"], "pass") << vm.dump(2);
    ASSERT_EQ(vm["boots"].size(), 2u);
    for (const auto& boot : vm["boots"]) {
      std::filesystem::path console = out / boot["console_log"].get<std::string>();
      EXPECT_TRUE(std::filesystem::exists(console)) << console;
      EXPECT_GT(std::filesystem::file_size(console), 0u) << console;
    }
  }
  EXPECT_EQ(vm_uris, (std::set<std::string>{mh1_->uri(), mh2_->uri()}));
  for (const auto& host : results["hosts"]) {
    EXPECT_EQ(host["vms"], 1);
    EXPECT_EQ(host["weight"], 1);
    EXPECT_FALSE(host["virt_type"].get<std::string>().empty());
    RecordProperty("upload_seconds " + host["uri"].get<std::string>(),
                   fmt::format("{:.1f}", host["upload_seconds"].get<double>()));
  }
  RecordProperty("wall_seconds", fmt::format("{:.1f}", wall));
  fmt::print("multi-host smoke: {:.1f} s wall; uploads {:.1f} s and {:.1f} s\n", wall,
             results["hosts"][0]["upload_seconds"].get<double>(),
             results["hosts"][1]["upload_seconds"].get<double>());
  EXPECT_EQ(LeftoversOf(run_id, mh1_->uri()), std::vector<std::string>{});
  EXPECT_EQ(LeftoversOf(run_id, mh2_->uri()), std::vector<std::string>{});
}

TEST_F(MultiHostIntegration, GcCleansEachHost) {
  // What a killed run would have left: a volume of a run id that no lock holds.
  std::string dead_run = "0dead0e5";
  std::filesystem::path file = FreshTestDir("multi-host-gc") / "leftover.img";
  std::ofstream(file) << "leftover";
  for (const PrivateDaemon* d : {mh1_.get(), mh2_.get()}) {
    LibvirtHypervisor hv(d->uri());
    hv.UploadVolume(fmt::format("bootstorm-{}-leftover.img", dead_run), file, VolumeFormat::kRaw);
    ASSERT_EQ(LeftoversOf(dead_run, d->uri()).size(), 1u);
  }
  CliRun gc = RunBootstorm({"gc", "--connect", mh1_->uri(), "--connect", mh2_->uri()});
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(LeftoversOf(dead_run, mh1_->uri()), std::vector<std::string>{}) << gc.out;
  EXPECT_EQ(LeftoversOf(dead_run, mh2_->uri()), std::vector<std::string>{}) << gc.out;
}

TEST_F(MultiHostIntegration, AnUnreachableHostsVmsAreInfraErrorsWhileTheOthersRun) {
  std::filesystem::path dir = FreshTestDir("multi-host-unreachable");
  std::string dead_uri = "qemu+unix:///system?socket=/nonexistent/libvirt-sock";
  CliRun cli =
      RunBootstorm({"run", WriteScenario(dir, 2, 1).string(), "--out", (dir / "run").string(),
                    "--connect", mh1_->uri(), "--connect", dead_uri});
  EXPECT_EQ(cli.exit_code, 3) << cli.out << cli.err;
  nlohmann::json results = ReadJsonFile(dir / "run" / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 1) << cli.out;
  EXPECT_EQ(results["summary"]["infra_error"], 1) << cli.out;
  ASSERT_EQ(results["vms"].size(), 2u);
  EXPECT_EQ(results["vms"][0]["uri"], mh1_->uri());
  EXPECT_EQ(results["vms"][0]["outcome"], "pass");
  EXPECT_EQ(results["vms"][1]["uri"], dead_uri);
  std::string why = results["vms"][1]["boots"][0]["infra_error"];
  EXPECT_NE(why.find("host " + dead_uri), std::string::npos) << why;
  EXPECT_FALSE(results["hosts"][1]["setup_error"].get<std::string>().empty());
  EXPECT_EQ(LeftoversOf(results["run_id"], mh1_->uri()), std::vector<std::string>{});
}

TEST_F(MultiHostIntegration, SigintTearsDownEveryHost) {
  namespace bp = boost::process;
  std::filesystem::path out = FreshTestDir("multi-host-sigint");
  bp::ipstream lines;
  bp::child child(BootstormBinary(), "run", ScenarioPath("smoke.json").string(), "--out",
                  out.string(), "--connect", mh1_->uri(), "--connect", mh2_->uri(),
                  bp::std_out > lines, bp::std_in.close());
  // Interrupt once a domain runs on each host.
  std::string line, transcript;
  int started = 0;
  while (started < 2 && std::getline(lines, line)) {
    transcript += line + "\n";
    if (line.find(": started ") != std::string::npos) ++started;
  }
  ASSERT_EQ(started, 2) << transcript;
  ASSERT_EQ(kill(child.id(), SIGINT), 0);
  while (std::getline(lines, line)) transcript += line + "\n";
  child.wait();
  EXPECT_EQ(child.exit_code(), 3) << transcript;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["interrupted_by"], "SIGINT");
  EXPECT_EQ(results["summary"]["infra_error"], 2);
  EXPECT_EQ(LeftoversOf(results["run_id"], mh1_->uri()), std::vector<std::string>{}) << transcript;
  EXPECT_EQ(LeftoversOf(results["run_id"], mh2_->uri()), std::vector<std::string>{}) << transcript;
}

}  // namespace
}  // namespace bootstorm
