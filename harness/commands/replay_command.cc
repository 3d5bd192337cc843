#include "replay_command.h"

#include <fmt/format.h>

#include <algorithm>

#include "boots_log.h"
#include "exit_code.h"
#include "fault_subset.h"
#include "guest_image.h"
#include "recorded_run.h"
#include "replay_plans.h"
#include "reproduction.h"
#include "run_command.h"
#include "run_store.h"
#include "terminal_safe.h"

namespace bootstorm {

RecordedVm LoadRecordedVm(const std::filesystem::path& dir, int vm, std::optional<int> last_boot) {
  RecordedVm r;
  r.dir = dir;
  r.vm = vm;
  std::filesystem::path manifest_path = dir / "run.json";
  r.manifest = ReadRunManifest(manifest_path);
  r.scenario = ScenarioForRun(r.manifest.scenario_text, manifest_path, r.manifest.activator);
  std::filesystem::path boots_path = dir / "boots.jsonl";
  BootsLog log = ReadBootsLog(boots_path);
  PendingVms(r.scenario, log.boots, boots_path.string());  // validates the records
  r.boots = RecordedBootsOf(log.boots, r.scenario.vms, vm, last_boot, dir.string());
  RequireRecordedGuestImage(r.manifest.image_dir, r.manifest.image_key, r.manifest.run_id);
  r.uri = r.manifest.hosts.at(HostOfEachVm(r.manifest, r.scenario.vms).at(vm)).uri;
  return r;
}

HostSpec ReplayHost(const RecordedVm& source, const std::optional<std::string>& connect) {
  return connect ? ParseConnectOption(*connect) : HostSpec{source.uri, 1};
}

ReplayRun RunReplay(const RecordedVm& source, const std::vector<BootPlan>& plans,
                    const HostSpec& host, const std::filesystem::path& out, std::FILE* log,
                    Cancellation& cancellation) {
  const RunManifest& recorded = source.manifest;
  RunSession session;
  std::string text = ReplayScenarioText(recorded.scenario_text, static_cast<int>(plans.size()));
  session.scenario = ScenarioForRun(text, source.dir / "run.json", recorded.activator);
  session.manifest = NewRunManifest(std::move(text), recorded.scenario_file, recorded.activator,
                                    {host}, recorded.image_dir, recorded.infra_retries);
  session.manifest.plans = {ReplayPlans(plans, session.manifest.run_id)};
  session.dir =
      out.empty() ? DefaultRunDir(session.scenario.name + "-replay", session.manifest.run_id) : out;
  if (!out.empty()) RequireNoRunIn(out, "--out");
  session.pending = {{0, 1}};
  session.jobs = 1;
  session.out = log;
  ReplayRun run{session.dir, {}};
  RunSessionCommand(std::move(session), cancellation);
  std::filesystem::path boots_path = run.dir / "boots.jsonl";
  for (RecordedBoot& r : ReadBootsLog(boots_path).boots) run.boots.push_back(std::move(r.boot));
  std::sort(run.boots.begin(), run.boots.end(),
            [](const BootRecord& a, const BootRecord& b) { return a.boot < b.boot; });
  return run;
}

namespace {

std::vector<BootPlan> PlansOf(const std::vector<BootRecord>& boots) {
  std::vector<BootPlan> plans;
  for (const BootRecord& b : boots) plans.push_back(b.plan);
  return plans;
}

ExitCode ExitCodeFor(Reproduction r) {
  switch (r) {
    case Reproduction::kReproduced:
      return ExitCode::kPass;
    case Reproduction::kNotReproduced:
      return ExitCode::kSutFailure;
    case Reproduction::kUnknown:
      break;
  }
  return ExitCode::kInfra;
}

}  // namespace

ExitCode ReplayCommand(const ReplayOptions& options, Cancellation& cancellation) {
  std::error_code ec;
  if (!options.out.empty() && std::filesystem::equivalent(options.out, options.dir, ec))
    throw BadInput(fmt::format(
        "--out {}: that is the recorded run's folder; the replay would overwrite its records",
        options.out.string()));
  RecordedVm source = LoadRecordedVm(options.dir, options.vm, options.boot);
  HostSpec host = ReplayHost(source, options.connect);
  std::vector<BootPlan> plans = PlansOf(source.boots);
  // Lines holding recorded or guest strings go through TerminalSafe.
  fmt::print("{}\n", TerminalSafe(fmt::format("replaying run {} vm {}, boots 1 to {} ({}), on {}",
                                              source.manifest.run_id, source.vm, plans.size(),
                                              FormatPlanFaults(plans), host.uri)));
  std::fflush(stdout);
  ReplayRun run = RunReplay(source, plans, host, options.out, stdout, cancellation);
  ReplayComparison c = CompareReplay(source.boots, run.boots);
  fmt::print("\n");
  for (const BootComparison& b : c.boots) {
    fmt::print("{}\n", TerminalSafe(fmt::format(
                           "boot {}: recorded {}, replay {}", b.boot, FormatBehaviour(b.original),
                           b.replayed ? FormatBehaviour(*b.replayed) : "not run")));
  }
  fmt::print("{}\n", TerminalSafe(fmt::format("{}: run {} vm {} replayed in {}: {}",
                                              ReproductionName(c.result), source.manifest.run_id,
                                              source.vm, run.dir.string(), c.why)));
  return ExitCodeFor(c.result);
}

}  // namespace bootstorm
