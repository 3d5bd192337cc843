#include "boot_timeline.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "boot_history.h"
#include "resolv_conf.h"

namespace bootstorm {
namespace {

double Seconds(std::int64_t us) { return static_cast<double>(us) / 1e6; }

/// Position of `event` in a unit's cycle, to order events at the same time;
/// past the end for names that are not timeline events.
int CycleOrder(const std::string& event) {
  for (int i = 0; i < static_cast<int>(std::size(kTimelineEvents)); ++i) {
    if (kTimelineEvents[i] == event) return i;
  }
  return static_cast<int>(std::size(kTimelineEvents));
}

/// The unit's spans from its events in time order: each event ends the open
/// span and may begin the next.
void AddUnitSpans(const std::string& unit, const std::vector<TimelineEvent>& events,
                  BootTimeline& t) {
  TimelineSpan span;
  span.unit = unit;
  bool open = false;
  auto close = [&](double at) {
    if (!open) return;
    span.end_s = at;
    t.spans.push_back(span);
    open = false;
  };
  auto begin = [&](SpanKind kind, double at) {
    span.kind = kind;
    span.begin_s = at;
    open = true;
  };
  for (const TimelineEvent& e : events) {
    double at = Seconds(e.monotonic_us);
    close(at);
    if (e.event == kEventInactiveExit) begin(SpanKind::kActivating, at);
    if (e.event == kEventActiveEnter) begin(SpanKind::kActive, at);
    if (e.event == kEventActiveExit) begin(SpanKind::kDeactivating, at);
    if (e.event == kEventFailed) t.points.push_back({PointKind::kUnitFailed, unit, at, "failed"});
  }
  if (open) {
    span.open_end = true;
    close(std::max(t.end_s, span.begin_s));
  }
}

BootTimeline TimelineOf(const std::string& part,
                        const std::vector<const Observation*>& observations,
                        const std::set<std::string>& failed_checkpoints) {
  BootTimeline t;
  t.part = part;
  std::set<std::tuple<std::string, std::int64_t, int>> events;  // unit, time, cycle order
  std::set<std::tuple<std::int64_t, std::string, std::string>> reloads;
  std::set<std::tuple<std::int64_t, std::string, std::string>> activations;
  std::set<std::tuple<std::int64_t, std::string, std::string, std::int64_t>> faults;
  for (const Observation* o : observations) {
    double at = Seconds(o->monotonic_us);
    t.end_s = std::max(t.end_s, at);
    t.points.push_back({PointKind::kCheckpoint, "", at, o->checkpoint,
                        failed_checkpoints.count(o->checkpoint) > 0});
    for (const TimelineEvent& e : o->timeline) {
      int order = CycleOrder(e.event);
      if (order < static_cast<int>(std::size(kTimelineEvents)))
        events.insert({e.unit, e.monotonic_us, order});
    }
    for (const NmReload& r : o->nm_reloads)
      reloads.insert({r.monotonic_us, r.action, r.requested_by});
    if (o->nm_activations)
      for (const NmActivation& a : *o->nm_activations)
        activations.insert({a.monotonic_us, a.connection, a.requested_by});
    for (const FaultEvent& f : o->faults) faults.insert({f.begin_us, f.kind, f.unit, f.end_us});
  }
  for (const auto& [unit, us, order] : events) t.end_s = std::max(t.end_s, Seconds(us));
  for (const auto& [begin, kind, unit, end] : faults) {
    // A fault seen again later may have ended since: keep its longest form.
    auto next = faults.upper_bound({begin, kind, unit, end});
    if (next != faults.end() && std::get<0>(*next) == begin && std::get<1>(*next) == kind &&
        std::get<2>(*next) == unit)
      continue;
    t.spans.push_back({unit, SpanKind::kGuestFault, Seconds(begin), Seconds(end), false, kind});
    t.end_s = std::max(t.end_s, Seconds(end));
  }
  for (const auto& [us, action, by] : reloads) {
    std::string label = by.empty() ? action : fmt::format("{} (asked by {})", action, by);
    t.points.push_back({PointKind::kNmReload, "NetworkManager.service", Seconds(us), label});
    t.end_s = std::max(t.end_s, Seconds(us));
  }
  for (const auto& [us, connection, by] : activations) {
    std::string label = fmt::format("activate '{}'{}", connection,
                                    by.empty() ? "" : fmt::format(" (asked by {})", by));
    t.points.push_back({PointKind::kNmActivation, "NetworkManager.service", Seconds(us), label});
    t.end_s = std::max(t.end_s, Seconds(us));
  }
  for (std::string_view unit : kTimelineUnits) {
    std::vector<TimelineEvent> unit_events;
    for (const auto& [u, us, order] : events) {
      if (u == unit) unit_events.push_back({u, std::string(kTimelineEvents[order]), us});
    }
    AddUnitSpans(std::string(unit), unit_events, t);
  }
  return t;
}

/// The name servers and search domains of a resolv.conf text, or "missing".
std::string Summary(const std::optional<std::string>& content) {
  if (!content) return "missing";
  DnsConfig dns = ParseResolvConf(*content);
  return fmt::format("name servers [{}], search [{}]", fmt::join(dns.nameservers, " "),
                     fmt::join(dns.search, " "));
}

void AddHistoryPoints(const std::vector<HistoryEvent>& history, BootTimeline& t) {
  std::optional<std::string> before;
  for (const HistoryEvent& e : history) {
    double at = Seconds(e.monotonic_us);
    if (e.kind == kHistoryResolvConf) {
      std::string label = fmt::format(
          "{} by {}: {}", e.op, DescribeWriter(e.writer),
          e.op == "initial" ? Summary(e.content) : Summary(before) + " -> " + Summary(e.content));
      t.points.push_back({PointKind::kResolvConfWrite, std::string(kResolvConfLane), at, label});
      before = e.content;
    } else if (e.kind == kHistoryNmDns) {
      std::string label = "mode " + e.mode + (e.detail.empty() ? "" : ": " + e.detail);
      t.points.push_back({PointKind::kNmDns, std::string(kNmDnsLane), at, label});
    } else {
      continue;
    }
    t.end_s = std::max(t.end_s, at);
  }
}

}  // namespace

std::vector<BootTimeline> BootTimelines(const BootRecord& boot,
                                        const std::vector<HistoryEvent>& history) {
  std::set<std::string> failed_checkpoints;
  for (const CheckResult& c : boot.checks) {
    if (CheckFailed(c)) failed_checkpoints.insert(c.checkpoint);
  }
  std::vector<std::string> parts;  // the interrupted part first
  for (const Observation& o : boot.observations) {
    if (std::find(parts.begin(), parts.end(), o.part) == parts.end()) parts.push_back(o.part);
  }
  std::stable_sort(parts.begin(), parts.end(), [](const std::string& a, const std::string& b) {
    return (a == kPartInterrupted) > (b == kPartInterrupted);
  });
  if (parts.empty()) parts.push_back("");
  std::vector<BootTimeline> timelines;
  for (const std::string& part : parts) {
    std::vector<const Observation*> observations;
    for (const Observation& o : boot.observations) {
      if (o.part == part) observations.push_back(&o);
    }
    timelines.push_back(TimelineOf(part, observations, failed_checkpoints));
  }
  AddHistoryPoints(history, timelines.back());
  BootTimeline& first = timelines.front();
  for (const FaultInjection& f : boot.injections) {
    std::string label = f.what.empty() ? f.kind : fmt::format("{}: {}", f.kind, f.what);
    first.points.push_back({PointKind::kHostFault, "", f.at_seconds, label});
    first.end_s = std::max(first.end_s, f.at_seconds);
  }
  return timelines;
}

}  // namespace bootstorm
