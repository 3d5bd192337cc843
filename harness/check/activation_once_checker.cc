#include "activation_once_checker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <map>

#include "scenario.h"

namespace bootstorm {
namespace {

std::string Describe(const NmReload& r) {
  return fmt::format("NM {} at {:.1f} s by {}", r.action, static_cast<double>(r.monotonic_us) / 1e6,
                     r.requested_by.empty() ? "no agent stage" : r.requested_by);
}

// Whether a fault that disrupts NetworkManager (nm-kill, nm-restart: the
// catalog's flag) was under way at `r`.
bool CausedByFault(const NmReload& r, const std::vector<FaultEvent>& faults) {
  return std::any_of(faults.begin(), faults.end(), [&](const FaultEvent& f) {
    return FaultKindHas(f.kind, &FaultKind::disrupts_network_manager) &&
           f.begin_us <= r.monotonic_us && r.monotonic_us <= f.end_us;
  });
}

// Whether `unit` is one of the SUT's own stages: cloud-init's units when it
// is the SUT, else the agent's (in a cloud-init image the agent's units only
// observe, and its final unit's DNS events are the harness's).
bool ByTheSut(const BootExpectation& expected, const std::string& unit) {
  return expected.sut_is_cloud_init ? IsCloudInitUnit(unit)
                                    : IsSutUnit(unit) && !IsCloudInitUnit(unit);
}

// The activator's contract (BACKGROUND.md, PR #5620): a connection the SUT
// activates once NetworkManager runs is preceded by the SUT's reload or
// restart of NetworkManager, so that it re-reads what the SUT wrote.
std::vector<std::string> UnreloadedActivations(const BootExpectation& expected,
                                               const std::vector<NmReload>& reloads,
                                               const std::vector<NmActivation>& activations) {
  std::vector<std::string> problems;
  for (const NmActivation& a : activations) {
    if (!ByTheSut(expected, a.requested_by)) continue;
    bool reloaded = std::any_of(reloads.begin(), reloads.end(), [&](const NmReload& r) {
      return r.action != kNmStop && ByTheSut(expected, r.requested_by) &&
             r.monotonic_us < a.monotonic_us;
    });
    if (!reloaded)
      problems.push_back(fmt::format(
          "{} activated connection '{}' at {:.1f} s with no reload or restart of NM by the SUT "
          "before it: NM did not re-read its configuration",
          a.requested_by, a.connection, static_cast<double>(a.monotonic_us) / 1e6));
  }
  return problems;
}

// The activations the SUT asked for in the boot of the last observation (not
// an interrupted part before it: another clock): as of its final checkpoint
// when there is one, since the DNS events after it (connection-reup) are the
// harness's; nullopt when the guest did not record them (an older guest).
const std::optional<std::vector<NmActivation>>& SutActivations(
    const std::vector<Observation>& observations) {
  const Observation& last = observations.back();
  for (const Observation& o : observations)
    if (o.part == last.part && o.checkpoint == kCheckpointFinal) return o.nm_activations;
  return last.nm_activations;
}

std::vector<std::string> Problems(const BootExpectation& expected, const std::vector<NmReload>& all,
                                  const std::vector<FaultEvent>& faults,
                                  const std::vector<NmActivation>& activations) {
  std::vector<NmReload> reloads;
  std::copy_if(all.begin(), all.end(), std::back_inserter(reloads),
               [&](const NmReload& r) { return !CausedByFault(r, faults); });
  std::vector<std::string> problems;
  for (const NmReload& r : reloads) {
    if (expected.sut_is_cloud_init) {
      // cloud-init's NetworkManager activator may reload once, as it brings
      // the configuration up; nothing else of the boot may.
      if (!IsCloudInitUnit(r.requested_by))
        problems.push_back(Describe(r) + ": only cloud-init's stages may");
    } else if (!expected.agent_manages_network)
      problems.push_back(Describe(r) + ", although the agent does not manage the network");
    else if (r.requested_by != kUnitNetwork)
      problems.push_back(Describe(r) + ": only the network stage may");
    else if (!expected.renderer_path_missed)
      problems.push_back(Describe(r) + " on the renderer path (NM read the files at its start)");
  }
  if (reloads.size() > 1)
    problems.push_back(
        fmt::format("{} reloads or restarts in one boot, at most 1", reloads.size()));
  // Every re-read counts here, a fault's restart too: NM did re-read then.
  for (std::string& p : UnreloadedActivations(expected, all, activations))
    problems.push_back(std::move(p));
  return problems;
}

}  // namespace

std::optional<std::vector<NmReload>> NmReloadsFromHistory(
    const std::vector<HistoryEvent>& history) {
  bool systemd_seen = false;
  bool nm_started = false;
  // The SUT's units activating now, with when each began.
  std::map<std::string, std::int64_t> activating;
  std::map<std::uint32_t, std::size_t> reload_jobs;  ///< job id -> index in `reloads`
  std::vector<NmReload> reloads;
  std::vector<bool> counted;
  auto requested_by = [&] {
    std::string unit;
    std::int64_t since = -1;
    for (const auto& [u, t] : activating)
      if (t >= since) unit = u, since = t;
    return unit;
  };
  for (const HistoryEvent& e : history) {
    // What the shutdown does (NetworkManager's stop job) is past the boot.
    if (e.kind == kHistoryMarker && e.name == kCheckpointEnd) break;
    if (e.kind == kHistoryUnit) {
      systemd_seen = true;
      if (e.unit == kUnitNetworkManager && e.active_state == "active") nm_started = true;
      if (!IsSutUnit(e.unit)) continue;
      if (e.active_state == "activating")
        activating.try_emplace(e.unit, e.monotonic_us);
      else
        activating.erase(e.unit);
      continue;
    }
    if (e.kind != kHistoryJob) continue;
    systemd_seen = true;
    if (e.unit != kUnitNetworkManager || !nm_started) continue;
    if (e.op == "removed") {
      auto it = reload_jobs.find(e.job_id);
      if (it != reload_jobs.end() && e.result == "done") counted[it->second] = true;
      continue;
    }
    std::string action;
    if (e.job_type == "reload") action = kNmReload;
    if (e.job_type == "restart" || e.job_type == "try-restart") action = kNmRestart;
    if (e.job_type == "stop") action = kNmStop;
    if (e.job_type == "start" && !reloads.empty() && reloads.back().action == kNmStop)
      reloads.back().action = std::string(kNmRestart);
    if (action.empty()) continue;
    if (action == kNmReload) reload_jobs[e.job_id] = reloads.size();
    reloads.push_back({action, e.monotonic_us, requested_by()});
    counted.push_back(action != kNmReload);
  }
  if (!systemd_seen) return std::nullopt;
  std::vector<NmReload> out;
  for (std::size_t i = 0; i < reloads.size() && out.size() < kMaxNmReloads; ++i)
    if (counted[i]) out.push_back(reloads[i]);
  return out;
}

std::string_view ActivationOnceChecker::name() const { return kCheckActivationOnce; }

CheckResult ActivationOnceChecker::Check(const BootExpectation& expected,
                                         const std::vector<Observation>& observations) const {
  return Judge(expected, observations, nullptr);
}

CheckResult ActivationOnceChecker::CheckHistory(const BootExpectation& expected,
                                                const std::vector<Observation>& observations,
                                                const std::vector<HistoryEvent>& history) const {
  std::optional<std::vector<NmReload>> reloads = NmReloadsFromHistory(history);
  return Judge(expected, observations, reloads ? &*reloads : nullptr);
}

CheckResult ActivationOnceChecker::Judge(const BootExpectation& expected,
                                         const std::vector<Observation>& observations,
                                         const std::vector<NmReload>* history_reloads) const {
  bool may_activate = (expected.agent_manages_network && expected.renderer_path_missed) ||
                      expected.sut_is_cloud_init;
  CheckResult result{std::string(name()),
                     true,
                     "",
                     {{"at_most", may_activate ? 1 : 0},
                      {"requested_by", expected.sut_is_cloud_init ? "a cloud-init unit"
                                                                  : std::string(kUnitNetwork)},
                      {"reload_before_activation", true}},
                     {{"reloads", nlohmann::json::array()}, {"activations", nullptr}},
                     ""};
  if (observations.empty()) {
    result.passed = false;
    result.message = "no observation";
    return result;
  }
  // Each observation carries the boot's reloads so far: the last has them all.
  const Observation& last = observations.back();
  const std::vector<NmReload>& reloads = history_reloads ? *history_reloads : last.nm_reloads;
  for (const NmReload& r : reloads) result.actual["reloads"].push_back(ToJson(r));
  const std::optional<std::vector<NmActivation>>& activations = SutActivations(observations);
  if (activations) {
    result.actual["activations"] = nlohmann::json::array();
    for (const NmActivation& a : *activations) result.actual["activations"].push_back(ToJson(a));
  }
  std::vector<std::string> problems =
      Problems(expected, reloads, last.faults, activations.value_or(std::vector<NmActivation>{}));
  if (!problems.empty()) {
    result.passed = false;
    result.checkpoint = last.checkpoint;
    result.message = fmt::format("{}", fmt::join(problems, "; "));
  } else if (!activations) {
    result.message =
        "the guest recorded no activations (an older guest, or its journal query failed): "
        "reload before activation not judged";
  }
  return result;
}

}  // namespace bootstorm
