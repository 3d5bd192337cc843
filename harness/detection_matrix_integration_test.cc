// The detection matrix on real VMs (CTest label "integration"): each of
// {reference, legacy-interfaces, legacy-final-restart} runs each of the
// scenarios {nm-first, late-config, shutdown-race, dns-event} (1 VM x 2
// boots). The expected pattern is pinned here and published in
// scenarios/README.md: `reference` passes everywhere, and each legacy
// activator is caught by at least one scenario, through the invariants named.
// Each cell also writes what it saw to test-output/detection-matrix/ so the
// table can be regenerated from a run.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <set>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

struct Cell {
  std::string activator;
  std::string scenario;
  /// Invariants that must fail in some boot; empty: every boot passes.
  std::set<std::string> caught_by;
};

// For gtest's test names and messages (it would print the bytes otherwise).
void PrintTo(const Cell& cell, std::ostream* os) {
  *os << cell.activator << " x " << cell.scenario;
}

const Cell kMatrix[] = {
    {"reference", "nm-first", {}},
    {"reference", "late-config", {}},
    {"reference", "shutdown-race", {}},
    {"reference", "dns-event", {}},
    {"legacy-interfaces", "nm-first", {"resolv-conf-intact", "nm-dns-none", "activation-once"}},
    {"legacy-interfaces", "late-config", {"resolv-conf-intact", "nm-dns-none", "activation-once"}},
    {"legacy-interfaces", "shutdown-race", {}},
    {"legacy-interfaces", "dns-event", {}},
    {"legacy-final-restart", "nm-first", {"resolv-conf-intact", "nm-dns-none", "activation-once"}},
    {"legacy-final-restart",
     "late-config",
     {"resolv-conf-intact", "nm-dns-none", "activation-once"}},
    {"legacy-final-restart", "shutdown-race", {"activation-once"}},
    {"legacy-final-restart", "dns-event", {"activation-once"}},
};

std::set<std::string> FailedInvariants(const nlohmann::json& results) {
  std::set<std::string> failed;
  for (const nlohmann::json& check : FailedChecks(results)) failed.insert(check["name"]);
  return failed;
}

void RecordCell(const Cell& cell, const std::string& seen) {
  std::filesystem::path dir = TestOutputDir() / "detection-matrix";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / fmt::format("{}--{}.txt", cell.activator, cell.scenario)) << seen << "\n";
}

class DetectionMatrix : public testing::TestWithParam<Cell> {};

TEST_P(DetectionMatrix, CellGivesThePinnedVerdict) {
  const Cell& cell = GetParam();
  ScenarioRun run = RunScenario(fmt::format("matrix-{}-{}", cell.activator, cell.scenario),
                                cell.scenario + ".json", {"--activator", cell.activator});
  ASSERT_TRUE(run.results.is_object()) << run.cli.out << run.cli.err;
  EXPECT_EQ(run.results["summary"]["infra_error"], 0) << run.cli.out;
  std::set<std::string> failed = FailedInvariants(run.results);
  RecordCell(cell, failed.empty() ? "pass" : fmt::format("caught by {}", fmt::join(failed, ", ")));
  if (cell.caught_by.empty()) {
    EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
    EXPECT_TRUE(failed.empty()) << fmt::format("{}", fmt::join(failed, ", "));
  } else {
    EXPECT_EQ(run.cli.exit_code, 1) << run.cli.out << run.cli.err;
    for (const std::string& invariant : cell.caught_by)
      EXPECT_TRUE(failed.contains(invariant))
          << invariant << " did not fail; failed: " << fmt::format("{}", fmt::join(failed, ", "));
  }
  ExpectNothingLeft(run);
}

std::string CellName(const testing::TestParamInfo<Cell>& info) {
  std::string name = info.param.activator + "_" + info.param.scenario;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cells, DetectionMatrix, testing::ValuesIn(kMatrix), CellName);

}  // namespace
}  // namespace bootstorm
