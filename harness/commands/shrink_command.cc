#include "shrink_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

#include "delta_debugging.h"
#include "exit_code.h"
#include "fault_subset.h"
#include "replay_command.h"
#include "reproduction.h"
#include "rerun_commands.h"
#include "terminal_safe.h"

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;

/// Closes a stdio file when it goes out of scope.
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

/// Runs the trials of one shrink: replays of the failing boots' plans with a
/// subset of their faults, each in <out>/trial-<k>, one printed line each.
class Trials {
 public:
  Trials(const RecordedVm& source, FailureSignature signature, std::vector<BootPlan> plans,
         HostSpec host, std::filesystem::path out, Cancellation& cancellation)
      : source_(source),
        signature_(std::move(signature)),
        plans_(std::move(plans)),
        faults_(FaultsOf(plans_)),
        host_(std::move(host)),
        out_(std::move(out)),
        cancellation_(cancellation) {}

  std::size_t fault_count() const { return faults_.size(); }
  std::vector<BootPlan> PlansWith(const Configuration& keep) const {
    return KeepFaults(plans_, faults_, keep);
  }

  /// Whether the plans with the faults `keep` still fail; an unknown trial
  /// (infra error) counts as not failing, and says so.
  bool Fails(const Configuration& keep) {
    if (cancellation_.cancelled()) {
      interrupted_ = true;
      return false;
    }
    std::vector<BootPlan> plans = PlansWith(keep);
    std::filesystem::path dir = out_ / fmt::format("trial-{}", ++trials_);
    Clock::time_point start = Clock::now();
    Reproduction result = Reproduction::kUnknown;
    std::string detail;
    try {
      std::filesystem::create_directories(dir);
      std::unique_ptr<std::FILE, FileCloser> log(std::fopen((dir / "output.log").c_str(), "w"));
      if (!log) throw std::runtime_error(fmt::format("{}: cannot write output.log", dir.string()));
      ReplayRun run = RunReplay(source_, plans, host_, dir, log.get(), cancellation_);
      result = ShowsFailure(signature_, run.boots);
      detail = Detail(run);
    } catch (const std::exception& e) {
      detail = e.what();
    }
    if (cancellation_.cancelled()) interrupted_ = true;
    if (result == Reproduction::kUnknown) ++unknown_;
    fmt::print("{}\n",
               TerminalSafe(fmt::format(
                   "trial {}: {} of {} faults ({}): {}{} [{}, {:.0f} s]", trials_, keep.size(),
                   faults_.size(), FormatPlanFaults(plans), ReproductionName(result),
                   result == Reproduction::kUnknown
                       ? fmt::format(" ({}); counted as not reproduced", detail)
                       : " (" + detail + ")",
                   dir.string(), std::chrono::duration<double>(Clock::now() - start).count())));
    std::fflush(stdout);
    if (result == Reproduction::kReproduced) reproduced_in_[keep] = dir;
    return result == Reproduction::kReproduced;
  }

  /// The trial folder where `keep` reproduced; nullopt when no trial ran it.
  std::optional<std::filesystem::path> ReproducedIn(const Configuration& keep) const {
    auto it = reproduced_in_.find(keep);
    return it == reproduced_in_.end() ? std::nullopt : std::optional(it->second);
  }
  int trials() const { return trials_; }
  int unknown() const { return unknown_; }
  bool interrupted() const { return interrupted_; }

 private:
  /// What the failing boot (or the boot that stopped the trial) showed.
  std::string Detail(const ReplayRun& run) const {
    for (const BootRecord& b : run.boots) {
      if (b.outcome == Outcome::kInfraError)
        return fmt::format("boot {}: infra error: {}", b.boot, b.infra_error);
      if (b.boot == signature_.boot) return FormatBehaviour(BehaviourOf(b));
    }
    return run.boots.empty() ? "no boot recorded" : "the failing boot did not run";
  }

  const RecordedVm& source_;
  FailureSignature signature_;
  std::vector<BootPlan> plans_;
  std::vector<PlannedFault> faults_;
  HostSpec host_;
  std::filesystem::path out_;
  Cancellation& cancellation_;
  int trials_ = 0;
  int unknown_ = 0;
  bool interrupted_ = false;
  std::map<Configuration, std::filesystem::path> reproduced_in_;
};

}  // namespace

ExitCode ShrinkCommand(const ShrinkOptions& options, Cancellation& cancellation) {
  RecordedVm source = LoadRecordedVm(options.dir, options.vm);
  std::optional<FailureSignature> signature = FirstFailure(source.boots);
  if (!signature)
    throw BadInput(
        fmt::format("{}: vm {} has no SUT failure among its {} recorded boots: nothing to shrink",
                    options.dir.string(), options.vm, source.boots.size()));
  // Boots after the first failing one cannot cause it.
  std::vector<BootPlan> plans;
  for (const BootRecord& b : source.boots) {
    if (b.boot <= signature->boot) plans.push_back(b.plan);
  }
  HostSpec host = ReplayHost(source, options.connect);
  std::filesystem::path out = options.out.empty()
                                  ? std::filesystem::path("bootstorm-runs") /
                                        fmt::format("{}-{}-vm{}-shrink", source.scenario.name,
                                                    source.manifest.run_id, options.vm)
                                  : options.out;
  Trials trials(source, *signature, plans, host, out, cancellation);
  // Lines holding recorded or guest strings go through TerminalSafe.
  fmt::print("{}\n", TerminalSafe(fmt::format(
                         "shrinking run {} vm {}: boot {} failed ({}); {} faults in boots 1 to {}: "
                         "{}; trials on {} in {}",
                         source.manifest.run_id, options.vm, signature->boot,
                         fmt::join(signature->invariants, ", "), trials.fault_count(),
                         signature->boot, FormatPlanFaults(plans), host.uri, out.string())));
  std::fflush(stdout);

  // ddmin assumes that no faults at all pass; check it first, since a
  // failure without faults is the most useful answer there is.
  Configuration smallest;
  if (trials.fault_count() == 0 || !trials.Fails({}))
    smallest = Ddmin(trials.fault_count(),
                     [&trials](const Configuration& keep) { return trials.Fails(keep); });

  std::vector<BootPlan> result = trials.PlansWith(smallest);
  std::optional<std::filesystem::path> stored = trials.ReproducedIn(smallest);
  fmt::print("\n{}\n",
             TerminalSafe(fmt::format(
                 "smallest plan: {} of {} faults ({} trials{}): {}", smallest.size(),
                 trials.fault_count(), trials.trials(),
                 trials.unknown() > 0 ? fmt::format(", {} unknown", trials.unknown()) : "",
                 FormatPlanFaults(result))));
  if (!stored && !smallest.empty())
    fmt::print("no trial with fewer faults reproduced: the recorded plan is the smallest\n");
  // A trial's folder holds its plans (run.json, boots.jsonl) as VM 0.
  fmt::print("replay: {}\n",
             stored ? fmt::format("bootstorm replay {} --vm 0", ShellWord(stored->string()))
                    : ReplayCommandLine(options.dir, options.vm, signature->boot));
  if (trials.interrupted()) {
    fmt::print("interrupted: the plan may not be minimal\n");
    return ExitCode::kInfra;
  }
  if (trials.unknown() > 0) {
    fmt::print(
        "{} trials ended in an infra error and counted as not reproduced: the plan may not "
        "be minimal\n",
        trials.unknown());
    return ExitCode::kInfra;
  }
  return ExitCode::kPass;
}

}  // namespace bootstorm
