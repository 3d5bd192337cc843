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
#include "placement.h"

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

/// The VMs of run `run_id` that have volumes on `uri`, as "000" for
/// "volume bootstorm-<run id>-vm000-config.iso".
std::set<std::string> VmsWithVolumesOn(const std::string& run_id, const std::string& uri) {
  std::set<std::string> vms;
  std::string prefix = fmt::format("volume bootstorm-{}-vm", run_id);
  for (const std::string& r : LeftoversOf(run_id, uri)) {
    if (r.starts_with(prefix)) vms.insert(r.substr(prefix.size(), 3));
  }
  return vms;
}

/// A `bootstorm run` SIGKILLed once it printed a line containing `until`.
struct KilledRun {
  std::string run_id;      ///< from its opening line
  std::string line;        ///< the line it was killed after; "" when none came
  std::string transcript;  ///< its standard output
};

KilledRun RunAndKillAfter(const std::vector<std::string>& args, const std::string& until) {
  namespace bp = boost::process;
  bp::ipstream lines;
  bp::child child(BootstormBinary(), bp::args(args), bp::std_out > lines, bp::std_in.close());
  KilledRun killed;
  for (std::string line; killed.line.empty() && std::getline(lines, line);) {
    killed.transcript += line + "\n";
    if (killed.run_id.empty() && line.starts_with("bootstorm run "))
      killed.run_id = line.substr(14, 8);
    if (line.find(until) != std::string::npos) killed.line = line;
  }
  if (!killed.line.empty()) kill(child.id(), SIGKILL);
  for (std::string line; std::getline(lines, line);) killed.transcript += line + "\n";
  child.wait();
  return killed;
}

TEST_F(MultiHostIntegration, ResumeAfterSigkillKeepsEachVmOnItsHost) {
  std::filesystem::path out = FreshTestDir("multi-host-resume");
  std::vector<std::string> uris{mh1_->uri(), mh2_->uri()};
  KilledRun killed =
      RunAndKillAfter({"run", ScenarioPath("smoke.json").string(), "--jobs", "2", "--out",
                       out.string(), "--connect", uris[0], "--connect", uris[1]},
                      ": pass");
  std::string run_id = killed.run_id, first_pass = killed.line, transcript = killed.transcript;
  ASSERT_FALSE(first_pass.empty()) << transcript;
  ASSERT_FALSE(run_id.empty()) << transcript;
  nlohmann::json manifest = ReadJsonFile(out / "run.json");
  ASSERT_EQ(manifest["hosts"].size(), 2u) << manifest.dump(2);
  EXPECT_EQ(manifest["hosts"][0]["uri"], uris[0]);
  EXPECT_EQ(manifest["hosts"][1]["uri"], uris[1]);
  // Where the killed session ran each VM, as the hosts themselves show it.
  std::vector<std::set<std::string>> killed_vms_on{VmsWithVolumesOn(run_id, uris[0]),
                                                   VmsWithVolumesOn(run_id, uris[1])};

  auto started = std::chrono::steady_clock::now();
  CliRun resumed = RunBootstorm({"run", "--resume", out.string()});
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(resumed.exit_code, 0) << transcript << resumed.out << resumed.err;
  std::size_t resuming = resumed.out.find("resuming run " + run_id + ": ");
  std::size_t plan = resumed.out.find(fmt::format(
      "bootstorm run {} (smoke): 2 VMs x 2 boots on 2 hosts: {} (1 VM, 1 at a time), {} (1 VM, "
      "1 at a time)",
      run_id, uris[0], uris[1]));
  EXPECT_NE(resuming, std::string::npos) << resumed.out;
  EXPECT_NE(plan, std::string::npos) << resumed.out;
  EXPECT_LT(resuming, plan) << resumed.out;
  EXPECT_EQ(resumed.out.find(first_pass.substr(0, first_pass.find(':')) + ": started"),
            std::string::npos)
      << "a recorded boot ran again: " << resumed.out;

  ExpectEachBootRecordedOnce(out, 4);

  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 2) << resumed.out;
  EXPECT_EQ(results["resumes"], 1);
  ASSERT_EQ(results["hosts"].size(), 2u);
  ASSERT_EQ(results["vms"].size(), 2u);
  std::vector<int> placement = PlaceVms(std::vector<int>{1, 1}, 2);
  for (const auto& vm : results["vms"]) {
    int index = vm["vm"];
    int host = placement[index];
    EXPECT_EQ(vm["uri"], uris[host]) << vm.dump(2);
    EXPECT_TRUE(killed_vms_on[host].contains(fmt::format("{:03}", index)))
        << "vm " << index << " did not run on " << uris[host] << " before the kill";
    EXPECT_FALSE(killed_vms_on[1 - host].contains(fmt::format("{:03}", index)));
  }
  // The VM whose boot 1 passed before the kill ran boot 2 on that boot's disk.
  int continued_vm = std::stoi(first_pass.substr(3));
  EXPECT_TRUE(RanOnTheEarlierBootsDisk(results["vms"][continued_vm]["boots"][1]))
      << results["vms"][continued_vm]["boots"][1].dump(2);
  fmt::print("multi-host resume: {:.1f} s wall for the resumed session\n", wall);
  for (const std::string& uri : uris)
    EXPECT_EQ(LeftoversOf(run_id, uri), std::vector<std::string>{}) << uri;
  EXPECT_FALSE(std::filesystem::exists(out / "vm-000" / "disk"));
  EXPECT_FALSE(std::filesystem::exists(out / "vm-001" / "disk"));
}

TEST_F(MultiHostIntegration, ResumeWithItsSubnetTakenLeavesTheHostsVmsForALaterResume) {
  std::filesystem::path dir = FreshTestDir("multi-host-resume-clash");
  std::filesystem::path out = dir / "run";
  // One VM: PlaceVms puts it on mh1, and mh2 is never contacted.
  KilledRun killed =
      RunAndKillAfter({"run", WriteScenario(dir, 1, 1).string(), "--out", out.string(), "--connect",
                       mh1_->uri(), "--connect", mh2_->uri()},
                      "vm 0 boot 1: started");
  ASSERT_FALSE(killed.line.empty()) << killed.transcript;
  EXPECT_EQ(ReadJsonFile(out / "run.json")["hosts"][0]["subnet_slot"], 0);
  // Once the dead run is gone, another network takes its subnet on mh1.
  CliRun gc = RunBootstorm({"gc", "--connect", mh1_->uri()});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  LibvirtHypervisor hv(mh1_->uri());
  // Slot 0, the killed run's subnet, under a name without bootstorm's
  // prefix, which gc leaves.
  RunNetwork clash = MakeRunNetwork("c1a5c1a5", 0);
  clash.name = "clash";
  clash.bridge = "bs-clash";
  hv.CreateNetwork(clash);

  CliRun taken = RunBootstorm({"run", "--resume", out.string()});
  EXPECT_EQ(taken.exit_code, 3) << taken.out << taken.err;
  // The plan comes before the network: it still shows the host as set to run its VM.
  EXPECT_NE(
      taken.out.find(fmt::format("{} (1 VM, 1 at a time), {} (0 VMs)", mh1_->uri(), mh2_->uri())),
      std::string::npos)
      << taken.out;
  EXPECT_NE(taken.err.find("infra error: host " + mh1_->uri() + ": creating the run network"),
            std::string::npos)
      << taken.err;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  std::string why = results["hosts"][0]["setup_error"];
  EXPECT_NE(why.find("198.51.100.0/24"), std::string::npos) << why;
  EXPECT_NE(why.find("another network holds it"), std::string::npos) << why;
  EXPECT_EQ(results["hosts"][1]["virt_type"], "") << "mh2 has no VM to run: not contacted";
  EXPECT_EQ(results["summary"]["infra_error"], 1);
  EXPECT_EQ(ReadJsonFile(out / "run.json")["hosts"][0]["subnet_slot"], 0);
  EXPECT_EQ(LeftoversOf(killed.run_id, mh1_->uri()), std::vector<std::string>{});

  // Nothing was recorded for the VM: with the subnet free again it runs.
  hv.DestroyNetwork("clash");
  CliRun resumed = RunBootstorm({"run", "--resume", out.string()});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("resuming run " + killed.run_id + ": 0 of 1 boots already recorded"),
            std::string::npos)
      << resumed.out;
  results = ReadJsonFile(out / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 1) << resumed.out;
  EXPECT_EQ(results["vms"][0]["uri"], mh1_->uri());
  EXPECT_EQ(results["resumes"], 2);
  EXPECT_EQ(LeftoversOf(killed.run_id, mh1_->uri()), std::vector<std::string>{});
}

}  // namespace
}  // namespace bootstorm
