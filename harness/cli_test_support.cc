#include "cli_test_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "boots_log.h"
#include "garbage_collector.h"
#include "libvirt_hypervisor.h"
#include "process.h"

namespace bootstorm {

std::string BootstormBinary() { return BOOTSTORM_BINARY; }

CliRun RunBootstorm(const std::vector<std::string>& args) {
  std::vector<std::string> argv{BootstormBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = RunProcess(argv, std::chrono::minutes(20));
  return CliRun{r.exit_code, r.out, r.err};
}

std::filesystem::path TestOutputDir() { return BOOTSTORM_TEST_OUTPUT_DIR; }

std::filesystem::path FreshTestDir(const std::string& name) {
  std::filesystem::path dir = TestOutputDir() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path ScenarioPath(const std::string& file) {
  return std::filesystem::path(BOOTSTORM_SCENARIOS_DIR) / file;
}

nlohmann::json ReadJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

ScenarioRun RunScenario(const std::string& test, const std::string& scenario,
                        std::vector<std::string> extra) {
  std::filesystem::path out = FreshTestDir(test);
  std::vector<std::string> args{
      "run", ScenarioPath(scenario).string(), "--out", out.string(), "--connect", TestUri()};
  args.insert(args.end(), extra.begin(), extra.end());
  ScenarioRun run{RunBootstorm(args), nullptr, out};
  if (std::filesystem::exists(out / "results.json"))
    run.results = ReadJsonFile(out / "results.json");
  return run;
}

void ExpectNothingLeft(const ScenarioRun& run) {
  ASSERT_TRUE(run.results.contains("run_id"));
  std::string run_id = run.results["run_id"];
  EXPECT_EQ(LeftoversOf(run_id), std::vector<std::string>{}) << "run " << run_id;
}

std::vector<std::pair<int, nlohmann::json>> Boots(const nlohmann::json& results) {
  std::vector<std::pair<int, nlohmann::json>> boots;
  for (const auto& vm : results["vms"]) {
    for (const auto& boot : vm["boots"]) boots.emplace_back(vm["vm"].get<int>(), boot);
  }
  return boots;
}

std::vector<nlohmann::json> FailedChecks(const nlohmann::json& results, std::string_view name) {
  std::vector<nlohmann::json> failed;
  for (const auto& [vm, boot] : Boots(results)) {
    for (const auto& check : boot["checks"]) {
      if (check["verdict"] == "fail" && check.value("applicable", true) &&
          (name.empty() || check["name"] == name))
        failed.push_back(check);
    }
  }
  return failed;
}

void ExpectEachBootRecordedOnce(const std::filesystem::path& run_dir, std::size_t boots) {
  BootsLog log = ReadBootsLog(run_dir / "boots.jsonl");
  EXPECT_EQ(log.torn_bytes, 0u);
  std::set<std::pair<int, int>> recorded;
  for (const RecordedBoot& r : log.boots) recorded.emplace(r.vm, r.boot.boot);
  EXPECT_EQ(log.boots.size(), boots);
  EXPECT_EQ(recorded.size(), boots);
}

bool RanOnTheEarlierBootsDisk(const nlohmann::json& boot) {
  for (const auto& o : boot["observations"]) {
    for (const auto& entry : o["agent_log"]) {
      if (entry.get<std::string>().find("local: unchanged ") != std::string::npos) return true;
    }
  }
  return false;
}

std::string TestUri() {
  const char* uri = std::getenv("BOOTSTORM_CONNECT");
  return uri && *uri ? uri : "qemu:///system";
}

std::vector<std::string> LeftoversOf(const std::string& run_id, const std::string& uri) {
  try {
    LibvirtHypervisor hv(uri.empty() ? TestUri() : uri);
    std::vector<std::string> found;
    for (const HypervisorResource& r : hv.ListResources(std::string(kResourcePrefix) + run_id))
      found.push_back(fmt::format("{} {}", ResourceKindName(r.kind), r.name));
    return found;
  } catch (const std::exception& e) {
    return {e.what()};
  }
}

BackgroundRun::BackgroundRun(const std::string& name, const std::string& uri,
                             const std::vector<std::string>& extra)
    : out_(FreshTestDir(name)) {
  std::vector<std::string> args{
      "run", ScenarioPath("smoke.json").string(), "--out", out_.string(), "--connect", uri};
  args.insert(args.end(), extra.begin(), extra.end());
  child_ = boost::process::child(BootstormBinary(), boost::process::args(args),
                                 boost::process::std_out > lines_, boost::process::std_in.close());
}

bool BackgroundRun::WaitForLine(const std::string& text) {
  for (std::string line; std::getline(lines_, line);) {
    transcript_ += line + "\n";
    if (run_id_.empty() && line.starts_with("bootstorm run ")) run_id_ = line.substr(14, 8);
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

void BackgroundRun::Signal(int sig) { ASSERT_EQ(kill(child_.id(), sig), 0); }

void BackgroundRun::Finish() {
  WaitForLine("\x01");  // read to the end
  child_.wait();
}

namespace {

ProcessResult LibvirtInstance(const std::string& command, const std::string& name) {
  return RunProcess({BOOTSTORM_LIBVIRT_INSTANCE, command, name}, std::chrono::minutes(2));
}

}  // namespace

namespace {

// "<prefix><pid in base 36>": at most 3 + 5 characters, within the 8 that
// ci/libvirt-instance allows (pids stay below 36^5).
std::string InstanceName(std::string_view prefix) {
  std::string suffix;
  for (unsigned long pid = static_cast<unsigned long>(getpid()); pid > 0; pid /= 36)
    suffix.insert(suffix.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[pid % 36]);
  return std::string(prefix.substr(0, 3)) + suffix;
}

}  // namespace

PrivateDaemon::PrivateDaemon(std::string_view prefix) : name_(InstanceName(prefix)) { Start(); }

PrivateDaemon::~PrivateDaemon() {
  ProcessResult r = LibvirtInstance("stop", name_);
  if (r.exit_code != 0) fmt::print(stderr, "stopping daemon {}: {}\n", name_, r.err);
}

void PrivateDaemon::Start() {
  ProcessResult r = LibvirtInstance("start", name_);
  if (r.exit_code != 0)
    throw std::runtime_error(fmt::format("ci/libvirt-instance start {}: {}", name_, r.err));
  uri_ = r.out.substr(0, r.out.find('\n'));
}

void PrivateDaemon::Kill() {
  ProcessResult r = LibvirtInstance("kill", name_);
  if (r.exit_code != 0)
    throw std::runtime_error(fmt::format("ci/libvirt-instance kill {}: {}", name_, r.err));
}

void StandInRunTest::SetUp() {
  dir_ = FreshTestDir(prefix_ + testing::UnitTest::GetInstance()->current_test_info()->name());
  setenv("BOOTSTORM_STATE_DIR", (dir_ / "locks").c_str(), 1);
  std::filesystem::create_directories(dir_ / "image");
  for (const char* file : {"base.qcow2", "vmlinuz", "initrd.img"})
    std::ofstream(dir_ / "image" / file) << "stand-in";
  std::ofstream(dir_ / "image" / "image-key") << "key-1\n";
  manifest_.hosts = {{{"test:///default", 1}, 0}};
  manifest_.image_dir = (dir_ / "image").string();
  manifest_.image_key = "key-1";
  manifest_.virt_type = "qemu";
  manifest_.started_at = "2024-05-01T12:00:00Z";
}

void StandInRunTest::TearDown() { unsetenv("BOOTSTORM_STATE_DIR"); }

std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace bootstorm
