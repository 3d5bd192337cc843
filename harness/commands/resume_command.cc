#include "resume_command.h"

#include <fmt/format.h>

#include <stdexcept>

#include "boots_log.h"
#include "exit_code.h"
#include "gc_command.h"
#include "guest_image.h"
#include "run_command.h"
#include "run_lock.h"

namespace bootstorm {

ExitCode ResumeRunCommand(const ResumeOptions& options, Cancellation& cancellation) {
  RunSession session;
  RunManifest& m = session.manifest;
  std::filesystem::path manifest_path = options.dir / "run.json";
  m = ReadRunManifest(manifest_path);
  if (IsRunAlive(m.run_id))
    throw BadInput(
        fmt::format("{}: run {} is still running (its lock in {} is held); stop it before resuming",
                    options.dir.string(), m.run_id, RunLockDir().string()));
  session.scenario = ScenarioForRun(m.scenario_text, manifest_path, m.activator);
  RequireRecordedGuestImage(m.image_dir, m.image_key, m.run_id);

  std::filesystem::path boots_path = options.dir / "boots.jsonl";
  BootsLog log = ReadBootsLog(boots_path);
  if (log.torn_bytes > 0)
    fmt::print(stderr, "warning: {}: ignoring a torn last line ({} bytes) of the killed session\n",
               boots_path.string(), log.torn_bytes);
  session.pending = PendingVms(session.scenario, log.boots, boots_path.string());
  session.seconds_before = RecordedRunSeconds(log.boots);
  if (session.pending.empty()) {
    fmt::print("run {}: all {} boots are recorded already; writing results.json again\n", m.run_id,
               log.boots.size());
  } else {
    fmt::print("resuming run {}: {} of {} boots already recorded\n", m.run_id, log.boots.size(),
               session.scenario.vms * session.scenario.boots);
    ++m.resumes;
  }
  std::fflush(stdout);
  // The killed session's domains, volumes and networks on the hosts that run
  // VMs again. Before the lock: while it is held, gc takes them for a live
  // run's. An unreachable host is left to its RunHost, which says so.
  std::vector<std::vector<PendingVm>> per_host =
      PendingPerHost(m, session.scenario.vms, session.pending);
  for (std::size_t i = 0; i < m.hosts.size(); ++i) {
    if (!per_host[i].empty()) CollectDeadRunsOn(m.hosts[i].uri);
  }
  if (options.infra_retries) m.infra_retries = *options.infra_retries;
  session.dir = options.dir;
  session.resumed = true;
  session.jobs = options.jobs;
  session.timeout_seconds = options.timeout_seconds;
  return RunSessionCommand(std::move(session), cancellation);
}

}  // namespace bootstorm
