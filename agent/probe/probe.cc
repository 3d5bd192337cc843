#include "probe.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

#include "command.h"
#include "fault_events.h"
#include "files.h"
#include "guest_paths.h"
#include "monotonic_clock.h"
#include "nm_bus.h"
#include "nm_reloads.h"
#include "probe_parsers.h"
#include "timeline.h"
#include "virtio_port.h"

namespace bootstorm {
namespace {

using std::chrono::milliseconds;

/// Bounded so a host that never reads cannot hold the boot forever.
constexpr milliseconds kSendTimeout{120'000};
/// How long to wait for the port to appear (virtio_port.h). Under load,
/// waiting for udev's link, the early probe once missed it after 10 s.
constexpr milliseconds kPortAppearTimeout{60'000};
/// The last agent log lines shipped with each observation.
constexpr std::size_t kObservationLogLines = 200;
/// The last lines of NM's journal about DNS shipped with each observation.
constexpr std::size_t kNmDnsJournalLines = 40;

std::string TrimNewline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Runs a read-only query; nullopt (and a log line) when it fails. A search
// (grep, journalctl --grep) that matched nothing exits 1: that is no failure.
std::optional<std::string> TryQuery(const std::vector<std::string>& argv, const AgentLog& log,
                                    bool search = false) {
  CommandResult r = RunCommand(argv, kNmCallTimeout);
  if (r.ok()) return r.output;
  if (search && r.exit_code == 1 && !r.timed_out) return "";
  log.Write(fmt::format("{}: exit {}{}: {}", CommandLine(argv), r.exit_code,
                        r.timed_out ? " (timed out)" : "", r.output.substr(0, 200)));
  return std::nullopt;
}

// TryQuery, with "" for a failure: for evidence whose absence is harmless.
std::string Query(const std::vector<std::string>& argv, const AgentLog& log, bool search = false) {
  return TryQuery(argv, log, search).value_or("");
}

std::vector<DeviceState> QueryDevices(const AgentLog& log) {
  try {
    return ParseIpAddrJson(Query({"ip", "-j", "addr", "show"}, log));
  } catch (const std::invalid_argument& e) {
    log.Write(std::string("cannot read devices: ") + e.what());
    return {};
  }
}

bool NmStarted(const std::vector<TimelineEvent>& timeline) {
  return std::any_of(timeline.begin(), timeline.end(), [](const TimelineEvent& e) {
    return e.unit == "NetworkManager.service" && e.event == kEventInactiveExit;
  });
}

std::vector<std::string> QueryNmDnsJournal(const AgentLog& log) {
  // No -n: with --grep, systemd 252's journalctl prints -n's lines newest
  // first. NM logs a few such lines per boot; Query bounds the output anyway.
  std::string out = Query({"journalctl", "-b", "-q", "--no-pager", "-u", "NetworkManager.service",
                           "-o", "short-monotonic", "--case-sensitive=false", "--grep=dns|resolv"},
                          log, true);
  return LastLines(out, kNmDnsJournalLines, kMaxNmDnsJournalLineBytes);
}

/// systemd's own lines of this boot about ordering cycles it broke.
std::vector<std::string> QueryOrderingCycles(const AgentLog& log) {
  // No _PID=1: what PID 1 logged before journald ran comes from kmsg, without it.
  std::string out = Query(
      {"journalctl", "-b", "-q", "--no-pager", "-o", "short-monotonic", "--grep=ordering cycle"},
      log, true);
  return LastLines(out, kMaxOrderingCycleLines, kMaxEvidenceLineBytes);
}

/// cloud-init's log lines about the network, DNS and trouble.
std::vector<std::string> QueryCloudInitLog(const AgentLog& log) {
  std::string out =
      Query({"grep", "-a", "-E",
             "[Nn]etwork|resolv|dns|DNS|nameserver|activat|reload|restart|WARNING|ERROR|"
             "Traceback| running '",
             std::string(kCloudInitLogPath)},
            log, true);
  return LastLines(out, kMaxSutLogLines, kMaxEvidenceLineBytes);
}

}  // namespace

std::string QueryNmActiveState(const AgentLog& log) {
  return TrimNewline(
      Query({"systemctl", "show", "-P", "ActiveState", "NetworkManager.service"}, log));
}

Observation CollectObservation(const BootPlan& plan, std::string_view checkpoint,
                               const AgentLog& log) {
  Observation o;
  o.run_id = plan.run_id;
  o.vm = plan.vm;
  o.boot = plan.boot;
  o.checkpoint = std::string(checkpoint);
  o.monotonic_us = MonotonicMicros();
  // Read resolv.conf first: it is what the checkpoint is mostly about.
  o.resolv_conf = ReadFileBounded(std::string(kResolvConfPath), kMaxResolvConfBytes);
  struct stat st {};
  o.resolv_conf_is_symlink =
      lstat(std::string(kResolvConfPath).c_str(), &st) == 0 && S_ISLNK(st.st_mode);
  o.devices = QueryDevices(log);
  if (checkpoint == kCheckpointEarly) {
    // The early unit runs before NetworkManager, in the critical path of the
    // boot, while PID 1 is busy starting it: there the timeline query was
    // measured taking 5 s of a 6 s probe. The later checkpoints carry the
    // whole timeline (systemd keeps the timestamps).
    o.nm_active_state = QueryNmActiveState(log);
  } else {
    std::string units = Query(TimelineQuery(), log);
    o.timeline = ParseSystemctlShow(units);
    o.nm_active_state = ParseActiveState(units, "NetworkManager.service");
  }
  if (o.nm_active_state == "active") {
    NmBusState nm = QueryNmOverBus(kNmCallTimeout, log);
    o.nm_dns_mode = nm.dns_mode;
    for (DeviceState& d : o.devices) {
      auto it = nm.device_states.find(d.name);
      if (it != nm.device_states.end()) d.nm_state = it->second;
    }
  }
  // Before NM's first start its journal has nothing to say.
  if (NmStarted(o.timeline)) {
    o.nm_reloads = ParseNmJobJournal(Query(NmJobJournalQuery(), log), o.timeline);
    o.nm_dns_journal = QueryNmDnsJournal(log);
    // A failed query leaves it unknown, never "none": the checker's
    // reload-before-activation rule would pass on an empty list.
    if (std::optional<std::string> audit = TryQuery(NmActivationJournalQuery(), log, true))
      o.nm_activations = ParseNmActivationJournal(*audit, o.timeline);
  } else if (checkpoint != kCheckpointEarly) {
    o.nm_activations.emplace();
  }
  if (checkpoint != kCheckpointEarly) o.ordering_cycles = QueryOrderingCycles(log);
  if (plan.activator == Activator::kCloudInit && checkpoint != kCheckpointEarly)
    o.sut_log = QueryCloudInitLog(log);
  o.agent_log = log.Tail(kObservationLogLines);
  o.faults = ReadFaultEvents(std::string(kFaultEventsPath));
  return o;
}

namespace {

/// Writes all of `data` to the non-blocking port `fd` before `deadline`;
/// returns "" on success, else what went wrong.
std::string WriteBefore(int fd, std::string_view data,
                        std::chrono::steady_clock::time_point deadline) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return std::strerror(errno);
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return fmt::format("host did not read in time ({} of {} bytes)", done, data.size());
    // With no host connected the port reports POLLHUP at once instead of
    // blocking, so poll would spin: sleep a little between tries then.
    pollfd pfd{fd, POLLOUT, 0};
    if (poll(&pfd, 1, static_cast<int>(left.count())) > 0 && !(pfd.revents & POLLOUT))
      std::this_thread::sleep_for(std::min(left, milliseconds(100)));
  }
  return "";
}

int OpenPort(const std::string& port_path, const AgentLog& log) {
  int fd = open(port_path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    log.Write(fmt::format("cannot open probe port {}: {}", port_path, std::strerror(errno)));
  return fd;
}

/// The self-test faults: what a hostile or broken guest might send. The host
/// must turn it into an infra error with bounded memory, never a crash.
void SendHostileData(const BootPlan& plan, const std::string& port_path, const AgentLog& log) {
  int fd = OpenPort(port_path, log);
  if (fd < 0) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  std::string problem;
  if (plan.HasFault(kFaultProbeHugeLine)) {
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100 && problem.empty(); ++i) problem = WriteBefore(fd, chunk, deadline);
    if (problem.empty()) problem = WriteBefore(fd, "\n", deadline);
    log.Write(
        fmt::format("self-test: sent a 100 MiB line{}", problem.empty() ? "" : ": " + problem));
  }
  if (plan.HasFault(kFaultProbeGarbage)) {
    const std::string garbage = "{\"run\": \x01\xff not json at all <script>\n";
    for (int i = 0; i < 10000 && problem.empty(); ++i) problem = WriteBefore(fd, garbage, deadline);
    log.Write(
        fmt::format("self-test: sent garbage lines{}", problem.empty() ? "" : ": " + problem));
  }
  close(fd);
}

}  // namespace

bool SendObservationLine(const std::string& port_path, const std::string& line,
                         milliseconds timeout, const AgentLog& log) {
  int fd = OpenPort(port_path, log);
  if (fd < 0) return false;
  std::string problem = WriteBefore(fd, line + "\n", std::chrono::steady_clock::now() + timeout);
  close(fd);
  if (!problem.empty()) log.Write(fmt::format("probe port {}: {}", port_path, problem));
  return problem.empty();
}

void Probe(const BootPlan& plan, bool plan_found, std::string_view checkpoint,
           const AgentLog& log) {
  try {
    log.Write(fmt::format("checkpoint {}", checkpoint));
    auto started = std::chrono::steady_clock::now();
    std::string line = SerializeObservation(CollectObservation(plan, checkpoint, log));
    auto collected_ms =
        std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
    std::optional<std::string> found =
        WaitForVirtioPort(kProbePortName, plan_found ? kPortAppearTimeout : milliseconds(0));
    if (!found) log.Write(fmt::format("probe port {} did not appear", kProbePortName));
    std::string port = found.value_or("/dev/virtio-ports/" + std::string(kProbePortName));
    if (checkpoint == kCheckpointAfterNetwork &&
        (plan.HasFault(kFaultProbeGarbage) || plan.HasFault(kFaultProbeHugeLine)))
      SendHostileData(plan, port, log);
    if (SendObservationLine(port, line, kSendTimeout, log))
      log.Write(fmt::format("sent checkpoint {} ({} bytes, collected in {} ms)", checkpoint,
                            line.size() + 1, collected_ms.count()));
  } catch (const std::exception& e) {
    log.Write(fmt::format("probe {} failed: {}", checkpoint, e.what()));
  }
}

}  // namespace bootstorm
