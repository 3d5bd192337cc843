// A suite: a named list of scenario files that `bootstorm verify` runs and
// reports on as one (scenarios/suites/*.json, described in
// scenarios/README.md).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

struct Suite {
  std::string name;
  std::string description;
  /// Scenario files, relative paths resolved against the suite file's folder.
  std::vector<std::filesystem::path> scenarios;
};

/// Parses a suite file strictly: {"name": "...", "description": "...",
/// "scenarios": ["../smoke.json", ...]}; description optional, at least one
/// scenario, none twice. Throws BadInput "<file>: suite.<path>:
/// <what>" on malformed JSON, unknown keys, wrong types and missing
/// scenario files.
Suite ParseSuite(std::string_view text, const std::filesystem::path& file);

/// Reads and parses a suite file; throws BadInput naming it.
Suite ReadSuite(const std::filesystem::path& file);

}  // namespace bootstorm
