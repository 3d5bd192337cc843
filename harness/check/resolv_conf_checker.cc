#include "resolv_conf_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "boot_history.h"
#include "scenario.h"

namespace bootstorm {
namespace {

// The early checkpoint of boot 1 sees the image's file, not the agent's,
// unless the boot's interrupted part already rendered.
// Without the agent, NetworkManager writes the file when it has a lease,
// which may come after the network stage: checked from the final stage on.
bool Applies(const Observation& o, const BootExpectation& expected) {
  if (o.checkpoint == kCheckpointEarly)
    return expected.boot > 1 || expected.interrupted_after_render;
  if (o.checkpoint == kCheckpointAfterNetwork)
    return expected.agent_manages_network || expected.sut_is_cloud_init;
  return o.checkpoint == kCheckpointFinal || o.checkpoint == kCheckpointAfterDnsEvent;
}

std::string Describe(const DnsConfig& dns) {
  return fmt::format("name servers [{}], search [{}]", fmt::join(dns.nameservers, " "),
                     fmt::join(dns.search, " "));
}

/// What a failure at a checkpoint says when the file looks like NetworkManager's.
constexpr std::string_view kNmGuess = " (rewritten by NetworkManager)";

double Seconds(std::int64_t us) { return static_cast<double>(us) / 1e6; }

/// Whether `actual` is what resolv.conf must hold: exactly the expected DNS,
/// or with cloud-init at least its name servers and search domains.
bool Satisfies(const DnsConfig& actual, const BootExpectation& expected) {
  if (!expected.sut_is_cloud_init) return actual == expected.dns;
  auto has_all = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
    return std::all_of(want.begin(), want.end(), [&](const std::string& w) {
      return std::find(have.begin(), have.end(), w) != have.end();
    });
  };
  return has_all(actual.nameservers, expected.dns.nameservers) &&
         has_all(actual.search, expected.dns.search);
}

/// How a message joins what the file held to what it must hold.
std::string MissingWord(const BootExpectation& expected) {
  return expected.sut_is_cloud_init ? "without all of" : "instead of";
}

bool Holds(const HistoryEvent& e, const BootExpectation& expected) {
  return e.content && Satisfies(ParseResolvConf(*e.content), expected);
}

bool IsResolvConf(const HistoryEvent& e) { return e.kind == kHistoryResolvConf; }

/// The last checkpoint before event `at`; "" when none.
std::string CheckpointBefore(const std::vector<HistoryEvent>& history, std::size_t at) {
  std::string name;
  for (std::size_t i = 0; i < at; ++i)
    if (history[i].kind == kHistoryMarker) name = history[i].name;
  return name;
}

/// "between checkpoints after-network and final", "after checkpoint final"
/// for the event at `at` in `history`.
std::string Between(const std::vector<HistoryEvent>& history, std::size_t at) {
  std::string before = CheckpointBefore(history, at), after;
  for (std::size_t i = at + 1; i < history.size() && after.empty(); ++i)
    if (history[i].kind == kHistoryMarker) after = history[i].name;
  if (!before.empty() && !after.empty())
    return fmt::format("between checkpoints {} and {}", before, after);
  if (!before.empty()) return "after checkpoint " + before;
  return after.empty() ? "" : "before checkpoint " + after;
}

/// ", 0.30 s after reload job of NetworkManager.service queued": the race
/// event closest before event `at`, one of systemd or NetworkManager when
/// there is such (links and addresses change all the time and explain
/// less); "" when there is none.
std::string AfterWhat(const std::vector<HistoryEvent>& history, std::size_t at) {
  std::optional<std::size_t> closest, telling;
  for (std::size_t i = at; i-- > 0 && !telling;) {
    if (DescribeRaceEvent(history[i]).empty()) continue;
    if (!closest) closest = i;
    if (history[i].kind != kHistoryLink && history[i].kind != kHistoryAddress) telling = i;
  }
  std::optional<std::size_t> before = telling ? telling : closest;
  if (!before) return "";
  return fmt::format(", {:.2f} s after {}",
                     Seconds(history[at].monotonic_us - history[*before].monotonic_us),
                     DescribeRaceEvent(history[*before]));
}

/// "; restored 0.30 s later by bootstorm-agent (pid 700)" when a later
/// change before `end_us` put the expected content back.
std::string Restored(const std::vector<HistoryEvent>& history, std::size_t at,
                     const BootExpectation& expected, std::int64_t end_us) {
  for (std::size_t i = at + 1; i < history.size() && history[i].monotonic_us <= end_us; ++i) {
    if (IsResolvConf(history[i]) && Holds(history[i], expected))
      return fmt::format("; restored {:.2f} s later by {}",
                         Seconds(history[i].monotonic_us - history[at].monotonic_us),
                         DescribeWriter(history[i].writer));
  }
  return "";
}

/// The change that broke the invariant at event `at`, as one line; with
/// what the file then held unless a checkpoint's message already says it.
std::string DescribeBreak(const std::vector<HistoryEvent>& history, std::size_t at,
                          const BootExpectation& expected, std::int64_t end_us, bool with_content) {
  const HistoryEvent& e = history[at];
  std::string what;
  if (with_content)
    what = e.content ? ": " + Describe(ParseResolvConf(*e.content)) + " " + MissingWord(expected) +
                           " " + Describe(expected.dns)
                     : ": /etc/resolv.conf missing";
  return fmt::format("{} by {} at {:.2f} s ({}){}{}{}", e.content ? "rewritten" : "removed",
                     DescribeWriter(e.writer), Seconds(e.monotonic_us), Between(history, at), what,
                     AfterWhat(history, at), Restored(history, at, expected, end_us));
}

}  // namespace

std::string_view ResolvConfChecker::name() const { return kCheckResolvConfIntact; }

CheckResult ResolvConfChecker::Check(const BootExpectation& expected,
                                     const std::vector<Observation>& observations) const {
  CheckResult result{std::string(name()), true, "", RenderResolvConf(expected.dns), nullptr, ""};
  std::string_view required = expected.agent_manages_network || expected.sut_is_cloud_init
                                  ? kCheckpointAfterNetwork
                                  : kCheckpointFinal;
  bool saw_required = false;
  for (const Observation& o : observations) {
    if (!Applies(o, expected)) continue;
    saw_required |= o.checkpoint == required;
    if (!o.resolv_conf) {
      result.passed = false;
      result.checkpoint = o.checkpoint;
      result.message = fmt::format("at {}: /etc/resolv.conf is missing", o.checkpoint);
      return result;
    }
    DnsConfig actual = ParseResolvConf(*o.resolv_conf);
    if (!Satisfies(actual, expected)) {
      result.passed = false;
      result.checkpoint = o.checkpoint;
      result.actual = *o.resolv_conf;
      // With cloud-init NetworkManager is meant to write it.
      std::string writer = expected.agent_manages_network &&
                                   o.resolv_conf->starts_with("# Generated by NetworkManager")
                               ? std::string(kNmGuess)
                               : "";
      result.message = fmt::format("at {}: {} {} {}{}", o.checkpoint, Describe(actual),
                                   MissingWord(expected), Describe(expected.dns), writer);
      return result;
    }
    result.actual = *o.resolv_conf;
  }
  if (!saw_required) {
    result.passed = false;
    result.checkpoint = std::string(required);
    result.message = fmt::format("no observation at {}", required);
  }
  return result;
}

CheckResult ResolvConfChecker::CheckHistory(const BootExpectation& expected,
                                            const std::vector<Observation>& observations,
                                            const std::vector<HistoryEvent>& history) const {
  CheckResult result = Check(expected, observations);
  // NetworkManager owning DNS may drop and rewrite it on any link event:
  // there the checkpoints from the final stage on are the invariant.
  if (!expected.agent_manages_network && !expected.sut_is_cloud_init) return result;
  std::int64_t end_us = HistoryEndUs(history);
  bool rendered = false;
  for (std::size_t i = 0; i < history.size() && history[i].monotonic_us <= end_us; ++i) {
    const HistoryEvent& e = history[i];
    if (!IsResolvConf(e)) continue;
    if (!rendered || Holds(e, expected)) {
      rendered = rendered || Holds(e, expected);
      continue;
    }
    // The first change away from the rendered file: the cause of a failure
    // at a checkpoint too, whose message then names it.
    std::string cause = DescribeBreak(history, i, expected, end_us, result.passed);
    if (result.passed) {
      result.passed = false;
      result.checkpoint = CheckpointBefore(history, i);
      result.actual = e.content ? nlohmann::json(*e.content) : nlohmann::json();
      result.message = cause;
    } else {
      // The history names the writer: the guess from the file's header goes.
      if (result.message.ends_with(kNmGuess))
        result.message.resize(result.message.size() - kNmGuess.size());
      result.message += "; first " + cause;
    }
    return result;
  }
  return result;
}

}  // namespace bootstorm
