#include "run_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <thread>

#include "placement.h"
#include "process.h"
#include "progress.h"
#include "run_host.h"
#include "run_lock.h"
#include "run_store.h"
#include "scenario.h"

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

/// One RunHost per host, with the VMs PlaceVms gives it.
std::vector<std::unique_ptr<RunHost>> PlaceOnHosts(const std::vector<HostSpec>& specs, int vms,
                                                   const RunContext& shared) {
  std::vector<int> weights;
  for (const HostSpec& h : specs) weights.push_back(h.weight);
  std::vector<std::vector<int>> vms_of(specs.size());
  std::vector<int> placement = PlaceVms(weights, vms);
  for (int vm = 0; vm < vms; ++vm) vms_of[placement[vm]].push_back(vm);
  std::vector<std::unique_ptr<RunHost>> hosts;
  for (std::size_t i = 0; i < specs.size(); ++i)
    hosts.push_back(std::make_unique<RunHost>(specs[i], std::move(vms_of[i]), shared));
  return hosts;
}

/// Runs `f` on every host at once, each on a thread of its own.
template <typename F>
void ForEachHost(std::vector<std::unique_ptr<RunHost>>& hosts, F f) {
  std::vector<std::thread> threads;
  for (auto& h : hosts) threads.emplace_back([&f, &h] { f(*h); });
  for (std::thread& t : threads) t.join();
}

/// VMs at once per host: `total` split by weight over the hosts that are up,
/// or when 0, what each host's own CPUs and memory allow.
void AssignJobs(std::vector<std::unique_ptr<RunHost>>& hosts, int total, int memory_mib_per_vm) {
  std::vector<int> weights, vms;
  for (const auto& h : hosts) {
    weights.push_back(h->record().weight);
    vms.push_back(h->ok() ? h->record().vms : 0);
  }
  std::vector<int> split = SplitJobs(total, weights, vms);
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const HostCapacity& c = hosts[i]->capacity();
    hosts[i]->set_jobs(total > 0 || vms[i] == 0
                           ? split[i]
                           : std::min(vms[i], JobsFor(c.cpus, c.available_mib, memory_mib_per_vm)));
  }
}

std::vector<HostRecord> HostRecords(const std::vector<std::unique_ptr<RunHost>>& hosts) {
  std::vector<HostRecord> records;
  for (const auto& h : hosts) records.push_back(h->record());
  return records;
}

void PrintSummary(const RunRecord& run, const std::filesystem::path& results) {
  RunSummary s = Summarize(run);
  fmt::print("\n{}: {} VMs: {} pass, {} SUT failure, {} infra error{} ({:.0f} s)\n",
             run.scenario_name, run.vms_planned, s.pass, s.sut_failure, s.infra_error,
             run.interrupted ? " [interrupted: " + run.interrupted_by + "]" : "", run.wall_seconds);
  fmt::print("results: {}\n", results.string());
}

}  // namespace

int JobsFor(long cpus, long long available_mib, int memory_mib_per_vm) {
  // QEMU's own overhead (TCG translation cache, device state) comes on top of guest memory.
  long long by_memory = available_mib / (memory_mib_per_vm + 256);
  return static_cast<int>(std::max(1LL, std::min<long long>(std::max(1L, cpus), by_memory)));
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
  run.uri = options.hosts.front().uri;
  run.started_at = UtcNow();
  run.vms_planned = scenario.vms;
  std::filesystem::path out = options.out.empty() ? std::filesystem::path("bootstorm-runs") /
                                                        (scenario.name + "-" + run.run_id)
                                                  : options.out;
  RunLock lock(run.run_id);  // before anything is created: gc must see this run as live
  RunStore store(out);
  auto started = std::chrono::steady_clock::now();

  Progress progress(scenario.vms * scenario.boots, Progress::StdoutIsInteractive());
  std::optional<CancelAfter> run_timeout;
  if (options.timeout_seconds > 0)
    run_timeout.emplace(cancellation, std::chrono::seconds(options.timeout_seconds));
  RunContext shared;
  shared.scenario = &scenario;
  shared.run_id = run.run_id;
  shared.store = &store;
  shared.max_infra_retries = options.infra_retries;
  shared.progress = &progress;
  shared.cancellation = &cancellation;
  try {
    std::uint64_t base_capacity_bytes = VirtualSize(options.image_dir / "base.qcow2");
    std::vector<std::unique_ptr<RunHost>> hosts = PlaceOnHosts(options.hosts, scenario.vms, shared);
    ForEachHost(hosts, [](RunHost& h) { h.Connect(); });
    AssignJobs(hosts, options.jobs, scenario.memory_mib);
    fmt::print("{}\n", FormatRunPlan(run.run_id, scenario.name, scenario.vms, scenario.boots,
                                     HostRecords(hosts)));
    std::fflush(stdout);

    std::vector<std::optional<VmRecord>> records(scenario.vms);
    ForEachHost(hosts, [&](RunHost& h) {
      h.Prepare(options.image_dir, base_capacity_bytes);
      h.Run(records);
    });
    run.hosts = HostRecords(hosts);
    run.virt_type = run.hosts.front().virt_type;
    for (std::optional<VmRecord>& vm : records) {
      if (vm) run.vms.push_back(std::move(*vm));
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
  PrintSummary(run, store.dir() / "results.json");
  return ExitCodeFor(Summarize(run));
}

}  // namespace bootstorm
