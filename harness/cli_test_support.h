// Helpers for tests that run the bootstorm binary as a user would.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

/// A fresh folder under the build tree for one test's files.
std::filesystem::path FreshTestDir(const std::string& name);

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
  /// `name`: 1-8 of [a-z0-9], unique among daemons alive at the same time.
  explicit PrivateDaemon(std::string name);
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

/// Reads a JSON file.
nlohmann::json ReadJsonFile(const std::filesystem::path& path);

/// Expects boots.jsonl in `run_dir` to hold `boots` whole lines, each a
/// different (vm, boot).
void ExpectEachBootRecordedOnce(const std::filesystem::path& run_dir, std::size_t boots);

/// Whether the agent found what the boot before rendered, so that `boot` (a
/// results.json boot) ran on the disk that boot left.
bool RanOnTheEarlierBootsDisk(const nlohmann::json& boot);

}  // namespace bootstorm
