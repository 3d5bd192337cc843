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
/// `run_id` still on the hypervisor.
std::vector<std::string> LeftoversOf(const std::string& run_id);

/// Reads a JSON file.
nlohmann::json ReadJsonFile(const std::filesystem::path& path);

}  // namespace bootstorm
