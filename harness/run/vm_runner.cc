#include "vm_runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>

#include "atomic_file.h"
#include "boot_evaluation.h"
#include "boot_history.h"
#include "boot_session.h"
#include "bounded_file.h"
#include "checker.h"
#include "disk_archive.h"
#include "garbage_collector.h"
#include "host_faults.h"
#include "interrupted_boot.h"
#include "interruption.h"
#include "plan_source.h"
#include "process.h"

namespace bootstorm {
namespace {

/// The plan's fault kinds, space separated, for the per-boot lines. (No
/// std::views here: clang 14, which builds the fuzzers, cannot compile
/// libstdc++ 12's ranges.)
std::string FaultKinds(const BootPlan& plan) {
  std::string kinds;
  for (const Fault& f : plan.faults) kinds += (kinds.empty() ? "" : " ") + f.kind;
  return kinds;
}

using Clock = std::chrono::steady_clock;

constexpr std::size_t kConsoleLimitBytes = 8 << 20;

/// Deletes a volume when it goes out of scope (also on exceptions).
class VolumeGuard {
 public:
  VolumeGuard(Hypervisor* hv, std::string name) : hv_(hv), name_(std::move(name)) {}
  ~VolumeGuard() {
    try {
      hv_->DeleteVolume(name_);
    } catch (const std::exception& e) {
      fmt::print(stderr, "warning: {}\n", e.what());
    }
  }
  VolumeGuard(const VolumeGuard&) = delete;
  VolumeGuard& operator=(const VolumeGuard&) = delete;

 private:
  Hypervisor* hv_;
  std::string name_;
};

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

/// Builds the OpenStack config drive ISO for one VM in its run folder.
std::filesystem::path BuildConfigDrive(const RunContext& ctx, int vm,
                                       const std::vector<std::string>& macs) {
  std::filesystem::path dir = ctx.store->VmDir(vm);
  std::filesystem::path tree = dir / "config-drive";
  std::filesystem::path latest = tree / "openstack" / "latest";
  WriteFile(latest / "meta_data.json", ToJson(BuildMetaData(ctx.run_id, vm)).dump(2));
  WriteFile(latest / "network_data.json",
            ToJson(BuildNetworkData(*ctx.scenario, ctx.network, macs, vm)).dump(2));
  if (!ctx.scenario->user_data.empty()) WriteFile(latest / "user_data", ctx.scenario->user_data);
  std::filesystem::path iso = dir / "config-drive.iso";
  RunProcessOrThrow({"genisoimage", "-quiet", "-o", iso.string(), "-V",
                     std::string(kConfigDriveLabel), "-r", "-J", tree.string()},
                    std::chrono::seconds(60));
  return iso;
}

std::string LastCheckpoint(const std::vector<Observation>& observations) {
  return observations.empty() ? "none" : observations.back().checkpoint;
}

/// Counts a started domain as running until the end of the attempt.
class DomainCounted {
 public:
  explicit DomainCounted(Progress* p) : p_(p) { p_->DomainStarted(); }
  ~DomainCounted() { p_->DomainEnded(); }

 private:
  Progress* p_;
};

/// One domain of a boot, from its start to its end: the session that gets
/// its events (console in `console`), subscribed to the run's cancellation,
/// and the domain, counted as running while it lives.
/// Members in that order: the domain goes before the session it calls.
struct BootPart {
  /// Starts the domain `spec` with the host-side faults of `host_plan`
  /// (none for an empty plan), recording what they do in `injections`.
  BootPart(const RunContext& ctx, const DomainSpec& spec, const std::filesystem::path& console,
           const BootPlan& host_plan, std::vector<FaultInjection>* injections)
      : session(console, kConsoleLimitBytes),
        subscription(*ctx.cancellation, [this] { session.Cancel(); }),
        faults(host_plan, spec, injections),
        domain(ctx.hypervisor->StartDomain(faults.start_spec(), &session)),
        started(Clock::now()),
        counted(ctx.progress) {
    faults.Started(domain.get(), started);
  }

  BootSession session;
  CancelSubscription subscription;
  HostFaults faults;
  std::unique_ptr<RunningDomain> domain;
  Clock::time_point started;
  DomainCounted counted;
};

class BootRunner {
 public:
  BootRunner(const RunContext& ctx, int vm, int boot, int attempt, const std::string& config_drive,
             const std::vector<std::string>& macs)
      : ctx_(ctx), vm_(vm), boot_(boot), config_drive_(config_drive), macs_(macs) {
    record_.boot = boot_;
    record_.plan = PlanOf(*ctx_.scenario, ctx_.run_id, ctx_.explicit_plans, vm_, boot_);
    record_.console_log = RunStore::ConsoleLogName(vm_, boot_, attempt);
  }

  /// Boots once on the disk layer at `overlay`; never throws.
  BootRecord Run(const std::string& overlay) {
    overlay_ = overlay;
    Clock::time_point start = Clock::now();
    try {
      Boot();
    } catch (const std::exception& e) {
      Infra(e.what());
    }
    std::vector<HistoryEvent> history = StoreHistory();
    if (record_.infra_error.empty()) Evaluate(history);
    record_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return record_;
  }

  /// False after an interruption: a retry would only be interrupted again.
  bool retryable() const { return retryable_; }

 private:
  void Infra(const std::string& why) {
    if (record_.infra_error.empty()) record_.infra_error = why;
    record_.outcome = Outcome::kInfraError;
  }

  void Interrupted(const std::string& why) {
    retryable_ = false;
    Infra(why);
  }

  void ConnectionLost(const std::string& reason) {
    Infra(ConnectionLostMessage(ctx_.hypervisor->uri(), reason));
  }

  void Boot() {
    if (const Fault* fault = InterruptingFault(record_.plan)) {
      if (!BootInterruptedPart(*fault)) return;
    }
    // The recovery boot of an interrupted one boots the disk the
    // interrupted part left, with the plan minus the interrupting fault; it
    // is the boot the host-side faults apply to.
    BootPlan plan = RecoveryPlan(record_.plan);
    DomainSpec spec = Spec(plan);
    BootPart part(ctx_, spec, ctx_.store->dir() / record_.console_log, plan, &record_.injections);
    ctx_.progress->Log(fmt::format(
        "vm {} boot {}: started {} [{}]{}", vm_, boot_, spec.name, FaultKinds(record_.plan),
        record_.interrupted_console_log.empty() ? "" : ", recovery boot"));
    Clock::time_point deadline =
        part.started + std::chrono::seconds(ctx_.scenario->boot_timeout_seconds);
    if (!CollectUntilEnd(part.session, part.faults, deadline))
      return;  // the domain object destroys the VM
    part.domain->RequestShutdown();
    Clock::time_point off_deadline =
        Clock::now() + std::chrono::seconds(ctx_.scenario->shutdown_timeout_seconds);
    while (auto event = part.session.WaitUntil(off_deadline)) {
      if (event->kind == BootEvent::Kind::kStopped) return;
      // The shutdown's events are kept; the checks end at the `end` checkpoint.
      if (event->kind == BootEvent::Kind::kHistoryLine && !AcceptHistory(event->text, history_))
        return;
      if (event->kind == BootEvent::Kind::kCancelled)
        return Interrupted("interrupted during shutdown");
      // Without the stop event the disk layer may be unclean: not a base for the next boot.
      if (event->kind == BootEvent::Kind::kConnectionLost) return ConnectionLost(event->text);
    }
    Infra(fmt::format("guest did not power off within {} s of an ACPI shutdown request",
                      ctx_.scenario->shutdown_timeout_seconds));
  }

  // Boots the part of the boot that `fault` cuts short, on the boot's disk
  // layer; false (recorded) when it did not end as the fault planned.
  bool BootInterruptedPart(const Fault& fault) {
    record_.interrupted_console_log = InterruptedConsoleLogName(record_.console_log);
    DomainSpec spec = Spec(record_.plan);
    // Host-side faults apply to the recovery boot only.
    BootPart part(ctx_, spec, ctx_.store->dir() / record_.interrupted_console_log, BootPlan{},
                  &record_.injections);
    ctx_.progress->Log(fmt::format("vm {} boot {}: started {} [{}] until the {}{}", vm_, boot_,
                                   spec.name, FaultKinds(record_.plan), fault.kind,
                                   fault.kind == kFaultShutdown
                                       ? " as " + fault.unit + " starts"
                                       : fmt::format(" at {} ms", fault.ms)));
    InterruptedRun run = RunUntilInterrupted(
        part.session, *part.domain, fault, part.started,
        std::chrono::seconds(ctx_.scenario->boot_timeout_seconds), ctx_.hypervisor->uri());
    record_.injections.insert(record_.injections.end(), run.injections.begin(),
                              run.injections.end());
    if (run.cancelled) {
      Interrupted(run.error);
      return false;
    }
    for (const std::string& line : run.lines) {
      if (!Accept(line, kPartInterrupted)) return false;
    }
    std::vector<HistoryEvent> history;
    for (const std::string& line : run.history_lines) {
      if (!AcceptHistory(line, history)) return false;
    }
    WriteHistory(HistoryLogName(record_.interrupted_console_log), history);
    if (!run.error.empty()) Infra(run.error);
    return run.error.empty();
  }

  DomainSpec Spec(const BootPlan& plan) const {
    DomainSpec spec;
    spec.name = VmDomainName(ctx_.run_id, vm_);
    spec.run_id = ctx_.run_id;
    spec.virt_type = ctx_.virt_type;
    spec.memory_mib = ctx_.scenario->memory_mib;
    spec.vcpus = ctx_.scenario->vcpus;
    if (ctx_.boot_from_disk) {
      spec.oem_strings = {EncodePlanForCmdline(plan)};  // agent/probe/kernel_plan.h reads it
      spec.firmware = ctx_.firmware;
    } else {
      spec.kernel = ctx_.kernel_path;
      spec.initrd = ctx_.initrd_path;
      spec.cmdline = GuestKernelCmdline(EncodePlanForCmdline(plan));
    }
    spec.root_disk = overlay_;
    spec.config_drive = config_drive_;
    spec.network = ctx_.network.name;
    spec.macs = macs_;
    return spec;
  }

  // True when the agent's `end` arrived; otherwise records an infra error.
  bool CollectUntilEnd(BootSession& session, HostFaults& faults, Clock::time_point deadline) {
    for (;;) {
      faults.ApplyDue(Clock::now());
      std::optional<BootEvent> event =
          session.WaitUntil(std::min(deadline, faults.next_due().value_or(deadline)));
      if (!event && Clock::now() < deadline) continue;  // a host-side fault is due
      if (!event) {
        Infra(fmt::format("no 'end' from the agent within {} s (last checkpoint: {})",
                          ctx_.scenario->boot_timeout_seconds,
                          LastCheckpoint(record_.observations)));
        return false;
      }
      switch (event->kind) {
        case BootEvent::Kind::kLine:
          if (!Accept(event->text, "")) return false;
          if (record_.observations.back().checkpoint == kCheckpointEnd) return true;
          faults.OnCheckpoint(record_.observations.back().checkpoint, Clock::now());
          break;
        case BootEvent::Kind::kHistoryLine:
          if (!AcceptHistory(event->text, history_)) return false;
          break;
        case BootEvent::Kind::kOversizedLine:
        case BootEvent::Kind::kFlood:
          Infra(GuestChannelError(*event));
          return false;
        case BootEvent::Kind::kChannelClosed:
          break;  // the domain's stop (or the deadline) decides
        case BootEvent::Kind::kStopped:
          Infra(fmt::format("domain stopped ({}) before the agent finished (last checkpoint: {})",
                            event->text, LastCheckpoint(record_.observations)));
          return false;
        case BootEvent::Kind::kCancelled:
          Interrupted("interrupted");
          return false;
        case BootEvent::Kind::kConnectionLost:
          ConnectionLost(event->text);
          return false;
      }
    }
  }

  // Records one probe line as an observation of `part` (Observation::part).
  bool Accept(const std::string& line, std::string_view part) {
    Observation o;
    try {
      o = ParseObservation(line);
    } catch (const std::invalid_argument& e) {
      Infra(fmt::format("malformed observation from the guest: {}", e.what()));
      return false;
    }
    if (o.vm != vm_ || o.boot != boot_ || o.run_id != ctx_.run_id) {
      Infra(fmt::format("observation for run {} vm {} boot {} arrived during vm {} boot {}",
                        o.run_id, o.vm, o.boot, vm_, boot_));
      return false;
    }
    if (record_.observations.size() >= kMaxObservationsPerBoot) {
      Infra(fmt::format("the guest sent more than {} observations in one boot",
                        kMaxObservationsPerBoot));
      return false;
    }
    o.part = std::string(part);
    record_.observations.push_back(std::move(o));
    return true;
  }

  // Records one line of the observer as an event of `history`.
  bool AcceptHistory(const std::string& line, std::vector<HistoryEvent>& history) {
    if (history.size() >= kMaxHistoryEventsPerBoot) {
      Infra(fmt::format("the guest sent more than {} history events in one boot",
                        kMaxHistoryEventsPerBoot));
      return false;
    }
    try {
      history.push_back(ParseHistoryEvent(line));
    } catch (const std::invalid_argument& e) {
      Infra(fmt::format("malformed history event from the guest: {}", e.what()));
      return false;
    }
    return true;
  }

  // Writes `history` into the run folder as `name`; nothing when empty (a
  // guest without the observer). A failed write is an infra error: the
  // boot's record would lack what its verdict was based on.
  void WriteHistory(const std::string& name, const std::vector<HistoryEvent>& history) {
    if (history.empty()) return;
    try {
      WriteFileAtomically(ctx_.store->dir() / name, SerializeHistory(history));
    } catch (const std::exception& e) {
      Infra(fmt::format("cannot store the boot's history: {}", e.what()));
    }
  }

  // The boot's history with its checkpoints, stored beside its console log.
  std::vector<HistoryEvent> StoreHistory() {
    if (history_.empty()) return {};
    std::vector<HistoryEvent> history =
        WithCheckpointMarkers(std::move(history_), record_.observations);
    WriteHistory(HistoryLogName(record_.console_log), history);
    return history;
  }

  void Evaluate(const std::vector<HistoryEvent>& history) {
    record_.checks = EvaluateBoot(*ctx_.scenario, ctx_.network, macs_, record_.plan,
                                  record_.observations, history);
    record_.outcome = BootOutcomeFromChecks(record_.checks);
    std::string unjudgeable =
        UnjudgeableBoot(record_.observations, ConsoleCycles(), record_.checks);
    if (!unjudgeable.empty()) Infra(unjudgeable);
  }

  /// The ordering cycle lines of the boot's consoles (both parts).
  std::vector<std::string> ConsoleCycles() const {
    std::vector<std::string> lines;
    for (const std::string& log : {record_.interrupted_console_log, record_.console_log}) {
      if (log.empty()) continue;
      try {
        // The session capped the file at kConsoleLimitBytes.
        for (std::string& line : OrderingCycleLines(
                 ReadFileBounded(ctx_.store->dir() / log, kConsoleLimitBytes + (64 << 10))))
          lines.push_back(std::move(line));
      } catch (const FileReadError&) {  // no console: nothing to say
      }
    }
    return lines;
  }

  const RunContext& ctx_;
  int vm_;
  int boot_;
  std::string overlay_;
  const std::string& config_drive_;
  const std::vector<std::string>& macs_;
  BootRecord record_;
  std::vector<HistoryEvent> history_;  ///< the recovery boot's events, in arrival order
  bool retryable_ = true;
};

}  // namespace

std::string VmDomainName(std::string_view run_id, int vm) {
  return fmt::format("{}{}-vm{:03}", kResourcePrefix, run_id, vm);
}

namespace {

/// Boots 1..N of a VM each write to their own qcow2 layer on top of the
/// previous boot's, so a retried boot starts from exactly the disk its first
/// attempt saw: the failed attempt's layer is dropped and made anew.
class DiskLayers {
 public:
  DiskLayers(const RunContext& ctx, std::string domain) : ctx_(ctx), domain_(std::move(domain)) {}
  ~DiskLayers() {
    for (auto it = guards_.rbegin(); it != guards_.rend(); ++it) it->reset();
  }

  /// A fresh top layer for `boot` over the last committed one.
  std::string Fresh(int boot) {
    std::string name = Name(boot);
    ctx_.hypervisor->DeleteVolume(name);  // a failed attempt's layer, if any
    if (guards_.size() < static_cast<std::size_t>(boot))
      guards_.push_back(std::make_unique<VolumeGuard>(ctx_.hypervisor, name));
    top_ = ctx_.hypervisor->CreateOverlayVolume(name, committed_, ctx_.base_capacity_bytes);
    return top_;
  }
  /// The top layer becomes the backing of the next boot.
  void Commit() { committed_ = top_; }

  /// Restores the saved layer of `boot` (from an earlier session of the run)
  /// as the committed one; boots must be restored in order.
  void Restore(int vm, int boot) {
    guards_.push_back(std::make_unique<VolumeGuard>(ctx_.hypervisor, Name(boot)));
    committed_ = RestoreLayer(*ctx_.hypervisor, Name(boot), ctx_.store->dir(), vm, boot);
  }
  /// Saves the committed layer of `boot` in the run folder.
  std::uint64_t Save(int vm, int boot) {
    return SaveLayer(*ctx_.hypervisor, Name(boot), ctx_.store->dir(), vm, boot);
  }

 private:
  std::string Name(int boot) const { return fmt::format("{}-boot{}.qcow2", domain_, boot); }

  const RunContext& ctx_;
  std::string domain_;
  std::string committed_ = ctx_.base_path;
  std::string top_;
  std::vector<std::unique_ptr<VolumeGuard>> guards_;
};

void PrintBoot(Progress& progress, int vm, const BootRecord& b) {
  progress.Log(fmt::format("vm {} boot {}: {}{} ({:.1f} s)", vm, b.boot, OutcomeName(b.outcome),
                           b.infra_error.empty() ? "" : ": " + b.infra_error, b.seconds));
  for (const CheckResult& c : b.checks) {
    if (CheckFailed(c)) progress.Log(fmt::format("  {} failed: {}", c.name, c.message));
    if (!c.applicable) progress.Log(fmt::format("  {} n/a ({})", c.name, c.message));
    if (c.unknown) progress.Log(fmt::format("  {} {}", c.name, c.message));
  }
}

BootRecord PreparationFailure(const RunContext& ctx, int vm, int boot, const std::exception& e) {
  BootRecord failed;
  failed.boot = boot;
  failed.plan = PlanOf(*ctx.scenario, ctx.run_id, ctx.explicit_plans, vm, boot);
  failed.outcome = Outcome::kInfraError;
  failed.infra_error = fmt::format("preparing the VM: {}", e.what());
  return failed;
}

/// Saves the disk of a finished boot before it is recorded, so that every
/// recorded boot can be resumed from. A failure only costs resumability:
/// --resume then reports the missing layer as an infra error of the next boot.
void SaveDisk(const RunContext& ctx, DiskLayers& disk, int vm, int boot) {
  Clock::time_point start = Clock::now();
  try {
    std::uint64_t bytes = disk.Save(vm, boot);
    ctx.progress->Log(fmt::format("vm {} boot {}: disk saved for --resume ({:.1f} MiB in {:.1f} s)",
                                  vm, boot, bytes / 1048576.0,
                                  std::chrono::duration<double>(Clock::now() - start).count()));
  } catch (const std::exception& e) {
    ctx.progress->Log(fmt::format("vm {} boot {}: warning: cannot save the disk for --resume: {}",
                                  vm, boot, e.what()));
  }
}

}  // namespace

void RunVm(const RunContext& ctx, int vm, int first_boot) {
  std::string domain = VmDomainName(ctx.run_id, vm);
  std::vector<std::string> macs =
      VmMacs(ctx.run_id, vm, static_cast<int>(ctx.scenario->network.nics.size()));
  std::string config_name = domain + "-config.iso";
  VolumeGuard config_guard(ctx.hypervisor, config_name);
  DiskLayers disk(ctx, domain);
  std::filesystem::path iso;
  try {
    // Recorded boots ran with the drive in the run folder: keep it as it is.
    iso = first_boot > 1 ? ctx.store->VmDir(vm) / "config-drive.iso"
                         : BuildConfigDrive(ctx, vm, macs);
    for (int boot = 1; boot < first_boot; ++boot) disk.Restore(vm, boot);
  } catch (const std::exception& e) {
    return RecordPreparationFailure(ctx, vm, first_boot, e);
  }
  std::string config_drive;  // uploaded by the first attempt that gets that far
  for (int boot = first_boot; boot <= ctx.scenario->boots; ++boot) {
    BootRecord b;
    std::vector<std::string> retried;
    for (int attempt = 0; attempt <= ctx.max_infra_retries; ++attempt) {
      if (ctx.cancellation->cancelled()) return;
      BootRunner runner(ctx, vm, boot, attempt + 1, config_drive, macs);
      try {
        if (config_drive.empty()) {
          ctx.hypervisor->DeleteVolume(config_name);  // a failed attempt's partial upload, if any
          config_drive = ctx.hypervisor->UploadVolume(config_name, iso, VolumeFormat::kRaw);
        }
        b = runner.Run(disk.Fresh(boot));
      } catch (const std::exception& e) {  // the config drive or the layer could not be made
        b = PreparationFailure(ctx, vm, boot, e);
      }
      if (b.outcome != Outcome::kInfraError || !runner.retryable() ||
          attempt == ctx.max_infra_retries)
        break;
      ctx.progress->Log(
          fmt::format("vm {} boot {}: infra error, retrying with the same plan ({} of {}): {}", vm,
                      boot, attempt + 1, ctx.max_infra_retries, b.infra_error));
      retried.push_back(b.infra_error);
    }
    b.retried_infra_errors = std::move(retried);
    // An interrupted boot did not finish: it stays unrecorded for --resume.
    if (b.outcome == Outcome::kInfraError && ctx.cancellation->cancelled()) return;
    disk.Commit();
    bool stop = b.outcome == Outcome::kInfraError;  // later boots would start from an unknown state
    if (!stop && boot < ctx.scenario->boots) SaveDisk(ctx, disk, vm, boot);
    ctx.store->AppendBoot(vm, b);
    ctx.progress->BootFinished(b.outcome);
    PrintBoot(*ctx.progress, vm, b);
    if (stop) break;
  }
  DropSavedLayers(ctx.store->dir(), vm);
}

void RecordPreparationFailure(const RunContext& ctx, int vm, int first_boot,
                              const std::exception& e) {
  BootRecord failed = PreparationFailure(ctx, vm, first_boot, e);
  ctx.store->AppendBoot(vm, failed);
  ctx.progress->BootFinished(failed.outcome);
  PrintBoot(*ctx.progress, vm, failed);
  DropSavedLayers(ctx.store->dir(), vm);  // an infra error ends the VM
}

}  // namespace bootstorm
