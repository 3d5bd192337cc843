#include "run_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <thread>

#include "boots_log.h"
#include "gc_command.h"
#include "guest_image.h"
#include "libvirt_hypervisor.h"
#include "process.h"
#include "progress.h"
#include "run_lock.h"
#include "run_store.h"
#include "run_verdict.h"
#include "scenario.h"
#include "vm_runner.h"

namespace bootstorm {
namespace {

std::string NewRunId() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

std::string UtcNow() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

std::uint64_t VirtualSize(const std::filesystem::path& qcow2) {
  ProcessResult r = RunProcessOrThrow({"qemu-img", "info", "--output=json", qcow2.string()},
                                      std::chrono::seconds(60));
  return nlohmann::json::parse(r.out).at("virtual-size").get<std::uint64_t>();
}

/// Run-scoped resources on the hypervisor, removed in reverse order.
class RunResources {
 public:
  explicit RunResources(Hypervisor* hv) : hv_(hv) {}
  ~RunResources() {
    for (auto it = volumes_.rbegin(); it != volumes_.rend(); ++it)
      Try([&] { hv_->DeleteVolume(*it); });
    if (!network_.empty()) Try([&] { hv_->DestroyNetwork(network_); });
  }
  std::string Upload(const std::string& name, const std::filesystem::path& file) {
    volumes_.push_back(name);
    return hv_->UploadVolume(name, file, VolumeFormat::kRaw);
  }
  /// In the first free subnet slot, or only in `slot` when given.
  RunNetwork CreateNetwork(const std::string& run_id, std::optional<int> slot) {
    RunNetwork net =
        slot ? CreateRunNetworkInSlot(*hv_, run_id, *slot) : CreateRunNetwork(*hv_, run_id);
    network_ = net.name;
    return net;
  }

 private:
  template <typename F>
  static void Try(F f) {
    try {
      f();
    } catch (const std::exception& e) {
      fmt::print(stderr, "warning: cleanup: {}\n", e.what());
    }
  }
  Hypervisor* hv_;
  std::vector<std::string> volumes_;
  std::string network_;
};

void PrintSummary(const RunRecord& run, Expect expect, const std::filesystem::path& results) {
  RunSummary s = Summarize(run);
  std::string note = ExpectationNote(expect, run);
  fmt::print("\n{}: {} VMs: {} pass, {} SUT failure, {} infra error{} ({:.0f} s){}\n",
             run.scenario_name, run.vms_planned, s.pass, s.sut_failure, s.infra_error,
             run.interrupted ? " [interrupted: " + run.interrupted_by + "]" : "", run.wall_seconds,
             note.empty() ? "" : "; " + note);
  fmt::print("results: {}\n", results.string());
}

/// Writes results.json from the manifest and every recorded boot, with what
/// this session adds, and prints the summary; returns the exit code.
int FinishRun(const RunManifest& manifest, const Scenario& scenario, RunStore& store,
              const std::string& setup_error, const Cancellation& cancellation) {
  RunRecord run =
      RunRecordFromBoots(manifest, scenario, ReadBootsLog(store.dir() / "boots.jsonl").boots);
  run.setup_error = setup_error;
  run.interrupted = cancellation.cancelled();
  run.interrupted_by = cancellation.reason();
  run.wall_seconds = store.RunSeconds();
  store.WriteResults(run);
  PrintSummary(run, scenario.expect, store.dir() / "results.json");
  return ExitCodeForExpectation(scenario.expect, Summarize(run));
}

}  // namespace

int JobsFor(long cpus, long long available_mib, int memory_mib_per_vm) {
  // QEMU's own overhead (TCG translation cache, device state) comes on top of guest memory.
  long long by_memory = available_mib / (memory_mib_per_vm + 256);
  return static_cast<int>(std::max(1LL, std::min<long long>(std::max(1L, cpus), by_memory)));
}

int DefaultJobs(int memory_mib_per_vm) {
  // MemAvailable counts reclaimable page cache, unlike free pages.
  long long available_kib = 0;
  std::ifstream meminfo("/proc/meminfo");
  for (std::string key; meminfo >> key;) {
    if (key == "MemAvailable:") {
      meminfo >> available_kib;
      break;
    }
    meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return JobsFor(sysconf(_SC_NPROCESSORS_ONLN), available_kib / 1024, memory_mib_per_vm);
}

Scenario ScenarioForRun(std::string_view text, const std::filesystem::path& source,
                        const std::string& activator) {
  Scenario scenario = ParseScenario(text, source);  // ScenarioError: the caller exits 2
  if (!scenario.network.dhcp && scenario.vms > kMaxStaticVms)
    throw ScenarioError(fmt::format("{}: scenario.vms: static addressing supports at most {} VMs",
                                    source.string(), kMaxStaticVms));
  if (!activator.empty()) {
    auto parsed = ParseActivator(activator);
    if (!parsed)
      throw std::invalid_argument(fmt::format("--activator: unknown activator \"{}\"", activator));
    scenario.activator = *parsed;
  }
  return scenario;
}

int RunScenarioCommand(const RunOptions& options, Cancellation& cancellation) {
  if (options.scenario.empty())
    throw std::invalid_argument("run: give a scenario file, or --resume RUN_DIR");
  RunSession session;
  RunManifest& m = session.manifest;
  m.scenario_text = ReadScenarioText(options.scenario);
  session.scenario = ScenarioForRun(m.scenario_text, options.scenario, options.activator);
  RequireGuestImage(options.image_dir);
  m.run_id = NewRunId();
  m.scenario_file = options.scenario.string();
  m.activator = options.activator;
  m.uri = options.uri;
  m.image_dir = std::filesystem::absolute(options.image_dir).string();
  m.image_key = GuestImageKey(options.image_dir);
  m.infra_retries = options.infra_retries;
  m.started_at = UtcNow();
  session.dir = options.out.empty() ? std::filesystem::path("bootstorm-runs") /
                                          (session.scenario.name + "-" + m.run_id)
                                    : options.out;
  session.pending = PendingVms(session.scenario, {}, "");
  session.jobs = options.jobs;
  session.timeout_seconds = options.timeout_seconds;
  return RunSessionCommand(std::move(session), cancellation);
}

int RunSessionCommand(RunSession session, Cancellation& cancellation) {
  const Scenario& scenario = session.scenario;
  RunManifest& manifest = session.manifest;
  RunLock lock(manifest.run_id);  // before anything is created: gc must see this run as live
  RunStore store(session.dir, session.resumed, session.seconds_before);
  if (session.pending.empty()) return FinishRun(manifest, scenario, store, "", cancellation);
  int jobs = std::min(static_cast<int>(session.pending.size()),
                      session.jobs > 0 ? session.jobs : DefaultJobs(scenario.memory_mib));
  fmt::print("bootstorm run {} ({}): {} VMs x {} boots, {} at a time, on {}\n", manifest.run_id,
             scenario.name, scenario.vms, scenario.boots, jobs, manifest.uri);
  std::fflush(stdout);

  Progress progress(BootsToRun(scenario, session.pending), Progress::StdoutIsInteractive());
  std::optional<CancelAfter> run_timeout;
  if (session.timeout_seconds > 0)
    run_timeout.emplace(cancellation, std::chrono::seconds(session.timeout_seconds));
  std::string setup_error;
  try {
    LibvirtHypervisor hv(manifest.uri);
    CollectDeadRuns(hv);  // a killed run's leftovers would hold memory and names
    manifest.virt_type = hv.BestVirtType();
    RunResources resources(&hv);
    RunContext ctx;
    ctx.scenario = &scenario;
    ctx.run_id = manifest.run_id;
    ctx.hypervisor = &hv;
    ctx.virt_type = manifest.virt_type;
    ctx.store = &store;
    ctx.max_infra_retries = manifest.infra_retries;
    ctx.progress = &progress;
    ctx.cancellation = &cancellation;
    std::string prefix = "bootstorm-" + manifest.run_id;
    std::filesystem::path image_dir = manifest.image_dir;
    ctx.kernel_path = resources.Upload(prefix + "-vmlinuz", image_dir / "vmlinuz");
    ctx.initrd_path = resources.Upload(prefix + "-initrd.img", image_dir / "initrd.img");
    ctx.base_path = resources.Upload(prefix + "-base.qcow2", image_dir / "base.qcow2");
    ctx.base_capacity_bytes = VirtualSize(image_dir / "base.qcow2");
    ctx.network = resources.CreateNetwork(
        manifest.run_id, session.resumed ? std::optional(manifest.subnet_slot) : std::nullopt);
    manifest.subnet_slot = ctx.network.slot;
    WriteRunManifest(manifest, store.dir() / "run.json");

    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (int j = 0; j < jobs; ++j) {
      workers.emplace_back([&] {
        for (std::size_t i; (i = next++) < session.pending.size() && !cancellation.cancelled();)
          RunVm(ctx, session.pending[i].vm, session.pending[i].first_boot);
      });
    }
    for (std::thread& t : workers) t.join();
  } catch (const std::exception& e) {
    setup_error = e.what();
    fmt::print(stderr, "infra error: {}\n", e.what());
  }
  progress.Finish();
  return FinishRun(manifest, scenario, store, setup_error, cancellation);
}

}  // namespace bootstorm
