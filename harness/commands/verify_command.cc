#include "verify_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

#include "expectation.h"
#include "report_files.h"
#include "results_json.h"
#include "run_store.h"
#include "scenario.h"
#include "suite.h"

namespace bootstorm {
namespace {

struct SuiteScenario {
  std::filesystem::path file;
  Scenario scenario;
  std::filesystem::path dir;  ///< its run folder
};

/// Every scenario of the suite, parsed (errors name the scenario file), each
/// with a run folder of its own.
std::vector<SuiteScenario> LoadScenarios(const Suite& suite, const VerifyOptions& options) {
  std::vector<SuiteScenario> scenarios;
  for (const std::filesystem::path& file : suite.scenarios) {
    std::string activator = options.run.activator;
    Scenario s = ScenarioForImage(ReadScenarioText(file), file, activator, options.run.image_dir);
    for (const SuiteScenario& earlier : scenarios) {
      if (earlier.scenario.name == s.name)
        throw BadInput(
            fmt::format("{}: scenario name \"{}\" is also the name of {}; each needs its own run "
                        "folder",
                        file.string(), s.name, earlier.file.string()));
    }
    std::filesystem::path dir = options.out / s.name;
    RequireNoRunIn(dir, "--out");
    scenarios.push_back({file, std::move(s), std::move(dir)});
  }
  return scenarios;
}

/// The record of a scenario that did not run (the suite was interrupted): its
/// planned VMs count as infra errors, so it did not meet its expectation.
RunRecord NotRun(const SuiteScenario& s, const std::string& why) {
  RunRecord r;
  r.scenario_name = s.scenario.name;
  r.scenario_file = s.file.string();
  r.activator = ActivatorName(s.scenario.activator);
  r.expect = s.scenario.expect;
  r.vms_planned = s.scenario.vms;
  r.interrupted = true;
  r.interrupted_by = why;
  return r;
}

}  // namespace

ExitCode VerifyCommand(const VerifyOptions& options, Cancellation& cancellation) {
  if (options.out.empty()) throw BadInput("verify: give --out DIR");
  RequireNoRunIn(options.out, "--out");
  Suite suite = ReadSuite(options.suite);
  std::vector<SuiteScenario> scenarios = LoadScenarios(suite, options);
  fmt::print("bootstorm verify {}: {} scenarios, in {}\n", suite.name, scenarios.size(),
             options.out.string());
  std::fflush(stdout);

  std::vector<ReportedRun> runs;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const SuiteScenario& s = scenarios[i];
    if (cancellation.cancelled()) {
      runs.push_back({NotRun(s, "not run: verify stopped (" + cancellation.reason() + ")"), s.dir});
      continue;
    }
    fmt::print("\n== {} of {}: {} ({})\n", i + 1, scenarios.size(), s.scenario.name,
               s.file.string());
    std::fflush(stdout);
    RunOptions run = options.run;
    run.scenario = s.file;
    run.out = s.dir;
    RunScenarioCommand(run, cancellation);
    std::filesystem::path results = s.dir / "results.json";
    runs.push_back({std::filesystem::exists(results)
                        ? ReadResultsJson(results)
                        : NotRun(s, "no results.json: the run did not start"),
                    s.dir});
  }

  std::filesystem::create_directories(options.out);
  std::vector<std::filesystem::path> files =
      WriteSuiteReports(runs, "bootstorm verify: " + suite.name, options.out);
  fmt::print("\nverify {}:\n", suite.name);
  int not_met = 0;
  // A scenario whose failure decided its verdict makes the suite fail;
  // otherwise infra trouble or an interruption leaves it undecided.
  ExitCode code = ExitCode::kPass;
  for (const ReportedRun& r : runs) {
    bool met = MetExpectation(r.record);
    not_met += !met;
    ExitCode scenario_code = ExitCodeOf(r.record);
    if (scenario_code == ExitCode::kSutFailure || code == ExitCode::kPass) code = scenario_code;
    fmt::print("  {}: {} (expects {})\n", r.record.scenario_name, met ? "met" : "NOT met",
               ExpectName(r.record.expect));
  }
  std::vector<std::string> names;
  for (const std::filesystem::path& f : files) names.push_back(f.string());
  fmt::print("{}\nreport: {}\n",
             not_met == 0 ? fmt::format("every scenario met its expectation ({})", runs.size())
                          : fmt::format("{} of {} scenarios did not meet their expectation",
                                        not_met, runs.size()),
             fmt::join(names, " "));
  return code;
}

}  // namespace bootstorm
