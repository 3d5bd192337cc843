#include "recheck_command.h"

#include <fmt/format.h>

#include "boot_evaluation.h"
#include "boot_history.h"
#include "boots_log.h"
#include "expectation.h"
#include "guest_network.h"
#include "recorded_run.h"
#include "run_command.h"
#include "terminal_safe.h"

namespace bootstorm {
namespace {

/// "failed: a, b" or "every check passed", then any checks whose verdict
/// is unknown and any that did not apply: "every applicable check passed;
/// n/a: c (reason)", "no check failed; unknown: b".
std::string Verdicts(const std::vector<CheckResult>& checks) {
  std::string failed, unknown, not_applicable;
  auto add = [](std::string& list, std::string item) {
    list += (list.empty() ? "" : ", ") + std::move(item);
  };
  for (const CheckResult& c : checks) {
    if (CheckFailed(c)) add(failed, c.name);
    if (c.unknown) add(unknown, c.name);
    if (!c.applicable) add(not_applicable, fmt::format("{} ({})", c.name, TerminalSafe(c.message)));
  }
  std::string verdicts = !failed.empty()           ? "failed: " + failed
                         : !unknown.empty()        ? "no check failed"
                         : !not_applicable.empty() ? "every applicable check passed"
                                                   : "every check passed";
  if (!unknown.empty()) verdicts += "; unknown: " + unknown;
  if (!not_applicable.empty()) verdicts += "; n/a: " + not_applicable;
  return verdicts;
}

}  // namespace

RecheckedRun RecheckRun(const std::filesystem::path& run_dir) {
  RunManifest manifest = ReadRunManifest(run_dir / "run.json");
  Scenario scenario =
      ScenarioForRun(manifest.scenario_text, manifest.scenario_file, manifest.activator);
  std::vector<RecordedBoot> recorded = ReadBootsLog(run_dir / "boots.jsonl").boots;
  // Validates the records against the scenario (VM and boot ranges, order).
  PendingVms(scenario, recorded, (run_dir / "boots.jsonl").string());
  std::vector<int> host_of = HostOfEachVm(manifest, scenario.vms);
  RunNetworkOptions options = RunNetworkOptionsFor(scenario);
  RecheckedRun result{manifest, scenario, {}};
  for (const RecordedBoot& r : recorded) {
    RecheckedBoot b{r.vm, r.boot, r.boot};
    if (r.boot.outcome != Outcome::kInfraError) {
      const ManifestHost& host = manifest.hosts.at(static_cast<std::size_t>(host_of.at(r.vm)));
      RunNetwork net = MakeRunNetwork(manifest.run_id, host.subnet_slot, options);
      std::vector<std::string> macs =
          VmMacs(manifest.run_id, r.vm, static_cast<int>(scenario.network.nics.size()));
      b.rechecked.checks = EvaluateBoot(scenario, net, macs, r.boot.plan, r.boot.observations,
                                        ReadBootHistory(run_dir, r.boot.console_log));
      b.rechecked.outcome = BootOutcomeFromChecks(b.rechecked.checks);
      std::string unjudgeable = UnjudgeableBoot(r.boot.observations, {}, b.rechecked.checks);
      if (!unjudgeable.empty()) {
        b.rechecked.outcome = Outcome::kInfraError;
        b.rechecked.infra_error = unjudgeable;
      }
    }
    result.boots.push_back(std::move(b));
  }
  return result;
}

ExitCode RecheckCommand(const std::filesystem::path& run_dir, std::FILE* out) {
  RecheckedRun checked = RecheckRun(run_dir);
  std::vector<RecordedBoot> rechecked;
  int differing = 0;
  int evidence_differs = 0;
  for (const RecheckedBoot& b : checked.boots) {
    std::string head =
        fmt::format("vm {} boot {}: {}", b.vm, b.rechecked.boot, OutcomeName(b.rechecked.outcome));
    if (b.rechecked.outcome == Outcome::kInfraError) {
      fmt::print(out, "{} (not judged again: {})\n", head, TerminalSafe(b.recorded.infra_error));
    } else if (b.differs()) {
      ++differing;
      fmt::print(out, "{} (recorded {}: {}; now {})\n", head, OutcomeName(b.recorded.outcome),
                 Verdicts(b.recorded.checks), Verdicts(b.rechecked.checks));
      for (const CheckResult& c : b.rechecked.checks) {
        if (CheckFailed(c)) fmt::print(out, "  {} failed: {}\n", c.name, TerminalSafe(c.message));
      }
    } else if (b.recorded.checks != b.rechecked.checks) {
      // Same verdicts on other evidence (a tampered record) or in other words
      // (a checker that records more): said, but no verdict changed.
      ++evidence_differs;
      fmt::print(out, "{} (verdicts as recorded; {}; the evidence differs)\n", head,
                 Verdicts(b.rechecked.checks));
      for (std::size_t i = 0; i < b.rechecked.checks.size(); ++i) {
        const CheckResult& c = b.rechecked.checks[i];
        if (c != b.recorded.checks[i])
          fmt::print(out, "  {} now: {}\n", c.name,
                     TerminalSafe(c.message.empty() ? "passed" : c.message));
      }
    } else {
      fmt::print(out, "{} (as recorded; {})\n", head, Verdicts(b.rechecked.checks));
    }
    rechecked.push_back({b.vm, 0, b.rechecked});
  }
  ExpectationVerdict verdict =
      JudgeExpectation(RunRecordFromBoots(checked.manifest, checked.scenario, rechecked));
  fmt::print(
      out, "\n{}: {} boots judged again, {} verdicts differ from the record{}; {}\n",
      checked.scenario.name, checked.boots.size(), differing,
      evidence_differs == 0
          ? ""
          : fmt::format(" ({} more with the same verdicts on other evidence)", evidence_differs),
      DescribeExpectation(verdict));
  return ExitCodeOf(verdict.status);
}

}  // namespace bootstorm
