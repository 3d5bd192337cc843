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

#include "gc_command.h"
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
    return hv_->UploadVolume(name, file);
  }
  RunNetwork CreateNetwork(const std::string& run_id) {
    RunNetwork net = CreateRunNetwork(*hv_, run_id);
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

int RunScenarioCommand(const RunOptions& options, Cancellation& cancellation) {
  Scenario scenario = LoadScenario(options.scenario);  // ScenarioError: the caller exits 2
  if (!scenario.network.dhcp && scenario.vms > kMaxStaticVms)
    throw ScenarioError(fmt::format("{}: scenario.vms: static addressing supports at most {} VMs",
                                    options.scenario.string(), kMaxStaticVms));
  if (!options.activator.empty()) {
    auto activator = ParseActivator(options.activator);
    if (!activator)
      throw std::invalid_argument(
          fmt::format("--activator: unknown activator \"{}\"", options.activator));
    scenario.activator = *activator;
  }
  for (const char* file : {"base.qcow2", "vmlinuz", "initrd.img"}) {
    if (!std::filesystem::exists(options.image_dir / file))
      throw std::invalid_argument(
          fmt::format("{}: missing from the image folder (build it with ci/setup, or pass --image)",
                      (options.image_dir / file).string()));
  }

  RunRecord run;
  run.run_id = NewRunId();
  run.scenario_name = scenario.name;
  run.scenario_file = options.scenario.string();
  run.uri = options.uri;
  run.started_at = UtcNow();
  run.vms_planned = scenario.vms;
  std::filesystem::path out = options.out.empty() ? std::filesystem::path("bootstorm-runs") /
                                                        (scenario.name + "-" + run.run_id)
                                                  : options.out;
  RunLock lock(run.run_id);  // before anything is created: gc must see this run as live
  RunStore store(out);
  auto started = std::chrono::steady_clock::now();
  int jobs =
      std::min(scenario.vms, options.jobs > 0 ? options.jobs : DefaultJobs(scenario.memory_mib));
  fmt::print("bootstorm run {} ({}): {} VMs x {} boots, {} at a time, on {}\n", run.run_id,
             scenario.name, scenario.vms, scenario.boots, jobs, options.uri);
  std::fflush(stdout);

  Progress progress(scenario.vms * scenario.boots, Progress::StdoutIsInteractive());
  std::optional<CancelAfter> run_timeout;
  if (options.timeout_seconds > 0)
    run_timeout.emplace(cancellation, std::chrono::seconds(options.timeout_seconds));
  try {
    LibvirtHypervisor hv(options.uri);
    CollectDeadRuns(hv);  // a killed run's leftovers would hold memory and names
    run.virt_type = hv.BestVirtType();
    RunResources resources(&hv);
    RunContext ctx;
    ctx.scenario = &scenario;
    ctx.run_id = run.run_id;
    ctx.hypervisor = &hv;
    ctx.virt_type = run.virt_type;
    ctx.store = &store;
    ctx.max_infra_retries = options.infra_retries;
    ctx.progress = &progress;
    ctx.cancellation = &cancellation;
    std::string prefix = "bootstorm-" + run.run_id;
    ctx.kernel_path = resources.Upload(prefix + "-vmlinuz", options.image_dir / "vmlinuz");
    ctx.initrd_path = resources.Upload(prefix + "-initrd.img", options.image_dir / "initrd.img");
    ctx.base_path = resources.Upload(prefix + "-base.qcow2", options.image_dir / "base.qcow2");
    ctx.base_capacity_bytes = VirtualSize(options.image_dir / "base.qcow2");
    ctx.network = resources.CreateNetwork(run.run_id);

    std::vector<VmRecord> records(scenario.vms);
    std::vector<char> ran(scenario.vms, 0);  // not vector<bool>: written from several threads
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int j = 0; j < jobs; ++j) {
      workers.emplace_back([&] {
        for (int vm; (vm = next++) < scenario.vms && !cancellation.cancelled();) {
          records[vm] = RunVm(ctx, vm);
          ran[vm] = 1;
        }
      });
    }
    for (std::thread& t : workers) t.join();
    for (int vm = 0; vm < scenario.vms; ++vm) {
      if (ran[vm]) run.vms.push_back(std::move(records[vm]));
    }
  } catch (const std::exception& e) {
    run.setup_error = e.what();
    fmt::print(stderr, "infra error: {}\n", e.what());
  }
  progress.Finish();
  run.interrupted = cancellation.cancelled();
  run.interrupted_by = cancellation.reason();
  run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  store.WriteResults(run);
  PrintSummary(run, scenario.expect, store.dir() / "results.json");
  return ExitCodeForExpectation(scenario.expect, Summarize(run));
}

}  // namespace bootstorm
