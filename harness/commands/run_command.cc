#include "run_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "boots_log.h"
#include "build_info.h"
#include "expectation.h"
#include "guest_image.h"
#include "libvirt_hypervisor.h"
#include "placement.h"
#include "process.h"
#include "progress.h"
#include "report_files.h"
#include "run_host.h"
#include "run_lock.h"
#include "run_store.h"
#include "scenario.h"

namespace bootstorm {
namespace {

std::string UtcNow() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

std::uint64_t VirtualSize(const std::filesystem::path& qcow2) {
  ProcessResult r = RunProcessOrThrow({"qemu-img", "info", "--output=json", qcow2.string()},
                                      std::chrono::seconds(60));
  return nlohmann::json::parse(r.out).at("virtual-size").get<std::uint64_t>();
}

/// One RunHost per host of the manifest, with the pending VMs placed on it;
/// a resumed run's hosts take the subnet slots the manifest records.
std::vector<std::unique_ptr<RunHost>> MakeHosts(const RunSession& session,
                                                const RunContext& shared) {
  const RunManifest& m = session.manifest;
  std::vector<std::vector<PendingVm>> pending =
      PendingPerHost(m, session.scenario.vms, session.pending);
  std::vector<std::unique_ptr<RunHost>> hosts;
  for (std::size_t i = 0; i < m.hosts.size(); ++i) {
    std::optional<int> slot =
        session.resumed ? std::optional(m.hosts[i].subnet_slot) : std::nullopt;
    hosts.push_back(std::make_unique<RunHost>(m.hosts[i], std::move(pending[i]), slot, shared));
  }
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

/// What this session's hosts learnt goes into the manifest: the first host's
/// virt type, and each new network's subnet slot. Hosts that were not
/// prepared keep what the manifest says.
void UpdateManifest(RunManifest& m, const std::vector<std::unique_ptr<RunHost>>& hosts) {
  if (!hosts.front()->record().virt_type.empty()) m.virt_type = hosts.front()->record().virt_type;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    if (std::optional<int> slot = hosts[i]->subnet_slot()) m.hosts[i].subnet_slot = *slot;
  }
}

void PrintSummary(std::FILE* out, const RunRecord& run, const std::filesystem::path& results) {
  RunSummary s = Summarize(run);
  std::string note = ExpectationNote(run);
  fmt::print(out, "\n{}: {} VMs: {} pass, {} SUT failure, {} infra error{} ({:.0f} s){}\n",
             run.scenario_name, run.vms_planned, s.pass, s.sut_failure, s.infra_error,
             run.interrupted ? " [interrupted: " + run.interrupted_by + "]" : "", run.wall_seconds,
             note.empty() ? "" : "; " + note);
  fmt::print(out, "results: {}\n", results.string());
  std::fflush(out);
}

/// Renders the run folder's reports from the results.json just written, so
/// they are what `bootstorm report` gives; a failure costs only the reports.
void WriteReports(std::FILE* out, const std::filesystem::path& dir) {
  try {
    std::vector<std::string> files;
    for (const std::filesystem::path& f : WriteRunReports(dir)) files.push_back(f.string());
    fmt::print(out, "reports: {}\n", fmt::join(files, " "));
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: writing the reports: {}\n", e.what());
  }
  std::fflush(out);
}

/// Writes results.json from the manifest and every recorded boot, with what
/// this session adds (`hosts`: its hosts' records, empty when it set none
/// up), and prints the summary; returns the exit code.
ExitCode FinishRun(std::FILE* out, const RunManifest& manifest, const Scenario& scenario,
                   RunStore& store, const std::vector<HostRecord>& hosts,
                   const std::string& setup_error, const Cancellation& cancellation) {
  RunRecord run =
      RunRecordFromBoots(manifest, scenario, ReadBootsLog(store.dir() / "boots.jsonl").boots);
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    HostRecord& h = run.hosts[i];
    h.virt_type = hosts[i].virt_type;
    h.jobs = hosts[i].jobs;
    h.upload_seconds = hosts[i].upload_seconds;
    h.setup_error = hosts[i].setup_error;
  }
  run.setup_error = setup_error;
  run.interrupted = cancellation.cancelled();
  run.interrupted_by = cancellation.reason();
  run.wall_seconds = store.RunSeconds();
  run.bootstorm_version = kBootstormVersion;
  run.bootstorm_commit = kBootstormCommit;
  store.WriteResults(run);
  PrintSummary(out, run, store.dir() / "results.json");
  WriteReports(out, store.dir());
  if (std::string error = store.write_error(); !error.empty())
    throw std::runtime_error(error + "; the run stopped there, the boots recorded before are kept");
  return ExitCodeOf(run);
}

}  // namespace

int JobsFor(long cpus, long long available_mib, int memory_mib_per_vm) {
  // QEMU's own overhead (TCG translation cache, device state) comes on top of guest memory.
  long long by_memory = available_mib / (memory_mib_per_vm + 256);
  return static_cast<int>(std::max(1LL, std::min<long long>(std::max(1L, cpus), by_memory)));
}

Scenario ScenarioForRun(std::string_view text, const std::filesystem::path& source,
                        const std::string& activator) {
  Scenario scenario = ParseScenario(text, source);  // ScenarioError: the caller exits 2
  std::size_t nics = scenario.network.nics.size();
  if (scenario.network.UsesStaticIpv4() && scenario.vms * nics > kMaxStaticVms)
    throw ScenarioError(
        fmt::format("{}: scenario.vms: static IPv4 addressing supports at most {} addresses "
                    "({} VMs x {} NICs)",
                    source.string(), kMaxStaticVms, scenario.vms, nics));
  if (!activator.empty()) {
    auto parsed = ParseActivator(activator);
    if (!parsed) throw BadInput(fmt::format("--activator: unknown activator \"{}\"", activator));
    // A scenario about one of the agent's known-bad variants says nothing of cloud-init.
    if (*parsed == Activator::kCloudInit && scenario.activator != Activator::kReference &&
        scenario.activator != Activator::kCloudInit)
      throw ScenarioError(fmt::format(
          "{}: activator: the scenario is about activator {}, which a cloud-init image has not",
          source.string(), ActivatorName(scenario.activator)));
    scenario.activator = *parsed;
  }
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    std::string why = FaultUnsupportedReason(scenario.faults[i].kind, scenario.faults[i].unit,
                                             scenario.activator);
    if (!why.empty())
      throw ScenarioError(fmt::format("{}: faults[{}].kind: {}", source.string(), i, why));
  }
  return scenario;
}

Scenario ScenarioForImage(std::string_view text, const std::filesystem::path& source,
                          std::string& activator, const std::filesystem::path& image_dir) {
  activator = ActivatorForImage(activator, image_dir);
  Scenario scenario = ScenarioForRun(text, source, activator);
  // A scenario that names cloud-init itself needs a cloud-init image too.
  if (scenario.activator == Activator::kCloudInit)
    ActivatorForImage(std::string(ActivatorName(Activator::kCloudInit)), image_dir,
                      source.string() + ": activator");
  return scenario;
}

RunManifest NewRunManifest(std::string scenario_text, const std::filesystem::path& scenario_file,
                           const std::string& activator, const std::vector<HostSpec>& hosts,
                           const std::filesystem::path& image_dir, int infra_retries) {
  RequireGuestImage(image_dir);
  RunManifest m;
  m.run_id = NewRunId();
  m.scenario_file = scenario_file.string();
  m.scenario_text = std::move(scenario_text);
  m.activator = activator;
  for (const HostSpec& h : hosts) m.hosts.push_back({h});
  m.image_dir = std::filesystem::absolute(image_dir).string();
  m.image_key = GuestImageKey(image_dir);
  m.guest_versions = ReadGuestVersions(image_dir);
  m.infra_retries = infra_retries;
  m.started_at = UtcNow();
  return m;
}

std::filesystem::path DefaultRunDir(const std::string& scenario_name, const std::string& run_id) {
  return std::filesystem::path("bootstorm-runs") / (scenario_name + "-" + run_id);
}

ExitCode RunScenarioCommand(const RunOptions& options, Cancellation& cancellation) {
  if (options.scenario.empty()) throw BadInput("run: give a scenario file, or --resume RUN_DIR");
  if (!options.out.empty()) RequireNoRunIn(options.out, "--out");
  RunSession session;
  std::string text = ReadScenarioText(options.scenario);
  std::string activator = options.activator;
  session.scenario = ScenarioForImage(text, options.scenario, activator, options.image_dir);
  session.manifest = NewRunManifest(std::move(text), options.scenario, activator, options.hosts,
                                    options.image_dir, options.infra_retries);
  session.dir = options.out.empty() ? DefaultRunDir(session.scenario.name, session.manifest.run_id)
                                    : options.out;
  session.pending = PendingVms(session.scenario, {}, "");
  session.jobs = options.jobs;
  session.timeout_seconds = options.timeout_seconds;
  return RunSessionCommand(std::move(session), cancellation);
}

ExitCode RunSessionCommand(RunSession session, Cancellation& cancellation) {
  const Scenario& scenario = session.scenario;
  RunManifest& manifest = session.manifest;
  if (!manifest.plans.empty())
    CheckExplicitPlans(manifest.plans, scenario, manifest.run_id,
                       (session.dir / "run.json").string());
  RunLock lock(manifest.run_id);  // before anything is created: gc must see this run as live
  RunStore store(session.dir, session.resumed, session.seconds_before, cancellation);
  std::FILE* out = session.out;
  if (session.pending.empty())
    return FinishRun(out, manifest, scenario, store, {}, "", cancellation);

  Progress progress(BootsToRun(scenario, session.pending),
                    out == stdout && Progress::StdoutIsInteractive(), out);
  std::optional<CancelAfter> run_timeout;
  if (session.timeout_seconds > 0)
    run_timeout.emplace(cancellation, std::chrono::seconds(session.timeout_seconds));
  RunContext shared;
  shared.scenario = &scenario;
  shared.run_id = manifest.run_id;
  shared.explicit_plans = manifest.plans.empty() ? nullptr : &manifest.plans;
  shared.connect = ConnectLibvirt;
  shared.store = &store;
  shared.max_infra_retries = manifest.infra_retries;
  shared.progress = &progress;
  shared.cancellation = &cancellation;
  std::vector<HostRecord> host_records;
  std::string setup_error;
  try {
    std::filesystem::path image_dir = manifest.image_dir;
    std::uint64_t base_capacity_bytes = VirtualSize(image_dir / GuestImageFiles(image_dir)[0]);
    std::vector<std::unique_ptr<RunHost>> hosts = MakeHosts(session, shared);
    ForEachHost(hosts, [](RunHost& h) { h.Connect(); });
    AssignJobs(hosts, session.jobs, scenario.memory_mib);
    fmt::print(out, "{}\n",
               FormatRunPlan(manifest.run_id, scenario.name, scenario.vms, scenario.boots,
                             HostRecords(hosts)));
    std::fflush(out);

    ForEachHost(hosts, [&](RunHost& h) { h.Prepare(image_dir, base_capacity_bytes); });
    // Every host is set up and no VM booted: from here on the run can be resumed. Not when
    // setup was cancelled: a host it skipped has no subnet yet for the manifest to hold.
    if (!cancellation.cancelled()) {
      UpdateManifest(manifest, hosts);
      WriteRunManifest(manifest, store.dir() / "run.json");
    }
    ForEachHost(hosts, [](RunHost& h) { h.Run(); });
    host_records = HostRecords(hosts);
  } catch (const std::exception& e) {
    setup_error = e.what();
    fmt::print(stderr, "infra error: {}\n", e.what());
  }
  progress.Finish();
  return FinishRun(out, manifest, scenario, store, host_records, setup_error, cancellation);
}

}  // namespace bootstorm
