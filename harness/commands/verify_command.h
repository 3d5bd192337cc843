// `bootstorm verify SUITE --out DIR`: runs every scenario of a suite, each
// as an ordinary run in DIR/<scenario name>, then writes one combined report
// in DIR (reports/report_files.h) that states per invariant pass or fail
// with its 95% confidence bound, per scenario whether it met its
// expectation, and the detection matrix.
#pragma once

#include <filesystem>

#include "cancellation.h"
#include "exit_code.h"
#include "run_command.h"

namespace bootstorm {

struct VerifyOptions {
  std::filesystem::path suite;  ///< a suite file (scenarios/suites/*.json)
  /// How each scenario runs: hosts, image, jobs, retries, timeout (each
  /// scenario's own); `scenario` and `out` are set per scenario.
  RunOptions run;
  std::filesystem::path out;  ///< the suite's folder: one run folder per scenario, the report
};

/// Validates the suite and all its scenarios before any VM boots (bad input:
/// BadInput or ScenarioError, exit 2), runs the scenarios in
/// order and writes the combined report, also after an interruption (the
/// scenarios not run count as not met). Returns kSutFailure when a
/// scenario's ExitCodeOf is, else kInfra when one's is (infra trouble, an
/// interruption), else kPass: every scenario met its expectation.
ExitCode VerifyCommand(const VerifyOptions& options, Cancellation& cancellation);

}  // namespace bootstorm
