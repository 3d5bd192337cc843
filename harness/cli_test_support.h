// Helpers for tests that run the bootstorm binary as a user would.
#pragma once

#include <gtest/gtest.h>

#include <boost/process.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "run_manifest.h"

namespace bootstorm {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Path of the built bootstorm binary.
std::string BootstormBinary();

/// Runs the built bootstorm binary with `args` (20 minute limit).
CliRun RunBootstorm(const std::vector<std::string>& args);

/// The build tree's folder for test files (build/test-output).
std::filesystem::path TestOutputDir();
/// A fresh folder under TestOutputDir() for one test's files.
std::filesystem::path FreshTestDir(const std::string& name);

/// The whole content of `path` ("" when it cannot be read).
std::string ReadFileText(const std::filesystem::path& path);

/// Path of a file in the repository's scenarios/ folder.
std::filesystem::path ScenarioPath(const std::string& file);

/// The libvirt URI integration tests use: $BOOTSTORM_CONNECT or qemu:///system.
std::string TestUri();

/// "<kind> <name>" of every domain, network and bootstorm pool volume of run
/// `run_id` still on the hypervisor at `uri` (default: TestUri()).
std::vector<std::string> LeftoversOf(const std::string& run_id, const std::string& uri = "");

/// A private libvirt daemon (ci/libvirt-instance) standing in for another
/// hypervisor host: its own network namespace, socket, state and storage pool.
/// Started by the constructor (throws when it does not come up), stopped and
/// removed, with everything on it, by the destructor.
class PrivateDaemon {
 public:
  /// `prefix`: 1-3 of [a-z0-9]; the instance name adds this process's id, so
  /// tests running in parallel (ctest -j) never share a daemon.
  explicit PrivateDaemon(std::string_view prefix);
  ~PrivateDaemon();
  PrivateDaemon(const PrivateDaemon&) = delete;
  PrivateDaemon& operator=(const PrivateDaemon&) = delete;

  const std::string& uri() const { return uri_; }
  /// SIGKILLs the daemon only: its domains keep running, as after a crash.
  void Kill();
  /// Starts the daemon again on the same state; it reattaches the domains.
  void Start();

 private:
  std::string name_;
  std::string uri_;
};

/// `bootstorm run scenarios/smoke.json` in the background, its output read
/// line by line, so a test can act at a given point of the run.
class BackgroundRun {
 public:
  /// Runs into a fresh test folder `name` on `uri`, with `extra` arguments.
  explicit BackgroundRun(const std::string& name, const std::string& uri = TestUri(),
                         const std::vector<std::string>& extra = {});

  /// Reads output until a line contains `text`; false at end of output.
  bool WaitForLine(const std::string& text);
  void Signal(int sig);
  /// Reads the output to its end and waits for the exit.
  void Finish();
  int exit_code() { return child_.exit_code(); }
  const std::string& run_id() const { return run_id_; }
  const std::string& transcript() const { return transcript_; }
  const std::filesystem::path& out() const { return out_; }

 private:
  std::filesystem::path out_;
  boost::process::ipstream lines_;
  boost::process::child child_;
  std::string run_id_;
  std::string transcript_;
};

/// Reads a JSON file.
nlohmann::json ReadJsonFile(const std::filesystem::path& path);

/// A `bootstorm run` and the results.json it wrote (null when none).
struct ScenarioRun {
  CliRun cli;
  nlohmann::json results;
  std::filesystem::path out = {};  ///< the run folder
};

/// Runs scenarios/<scenario> on TestUri() into a fresh folder named `test`,
/// with `extra` options.
ScenarioRun RunScenario(const std::string& test, const std::string& scenario,
                        std::vector<std::string> extra = {});

/// Fails the calling test when the run left anything on the hypervisor.
void ExpectNothingLeft(const ScenarioRun& run);

/// Every boot of every VM in results.json, with its VM index.
std::vector<std::pair<int, nlohmann::json>> Boots(const nlohmann::json& results);
/// The failed checks of every boot in results.json, in boot order; only
/// those of invariant `name` when it is given.
std::vector<nlohmann::json> FailedChecks(const nlohmann::json& results, std::string_view name = {});
/// Expects boots.jsonl in `run_dir` to hold `boots` whole lines, each a
/// different (vm, boot).
void ExpectEachBootRecordedOnce(const std::filesystem::path& run_dir, std::size_t boots);

/// Whether the agent found what the boot before rendered, so that `boot` (a
/// results.json boot) ran on the disk that boot left.
bool RanOnTheEarlierBootsDisk(const nlohmann::json& boot);

/// Fixture of CLI tests on a recorded run that end before any VM starts: a
/// fresh folder `<prefix><test name>`, run locks of its own
/// (BOOTSTORM_STATE_DIR, which the binary inherits), a guest image folder of
/// stand-in files with key "key-1", and the manifest of a run on libvirt's
/// test driver with that image, for the test to complete and write.
class StandInRunTest : public testing::Test {
 protected:
  explicit StandInRunTest(std::string prefix) : prefix_(std::move(prefix)) {}
  void SetUp() override;
  void TearDown() override;

  std::filesystem::path dir_;
  RunManifest manifest_;

 private:
  std::string prefix_;
};

}  // namespace bootstorm
