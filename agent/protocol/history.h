// The guest event history of one boot (Jepsen's history): what the observer
// (agent/observer/) saw happen, as it happened, streamed to the host as one
// JSON line per event over its own virtio-serial channel, and stored by the
// host as the boot's history.jsonl. The checks that read the whole history
// (CheckHistory in harness/check/checker.h) work from it; the five checkpoints of the probe
// become markers in it (kHistoryMarker), added by the host.
//
// The observer watches the guest, never the system under test's own stages,
// so the same history comes from every SUT (the reference agent, cloud-init).
// The guest is untrusted: ParseHistoryEvent bounds sizes and validates types.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// Name of the observer's virtio-serial port (guest: /dev/virtio-ports/<name>).
inline constexpr std::string_view kHistoryChannelName = "org.bootstorm.history.0";

/// The layout of one event line; a line of another version is refused.
inline constexpr int kHistorySchemaVersion = 1;

/// Upper bound on one event line; anything longer is hostile or broken.
inline constexpr std::size_t kMaxHistoryEventBytes = 64 * 1024;
/// Most events one boot may send. A boot of the reference agent sends a few
/// hundred; past this the guest is broken or hostile (an infra error).
inline constexpr std::size_t kMaxHistoryEventsPerBoot = 20000;
/// Upper bound on the resolv.conf text one event carries.
inline constexpr std::size_t kMaxHistoryContentBytes = 16 * 1024;

/// Event kinds.
/// A change of /etc/resolv.conf or of the file it links to.
inline constexpr std::string_view kHistoryResolvConf = "resolv-conf";
/// A systemd job queued ("new") or finished ("removed") for a unit of the race.
inline constexpr std::string_view kHistoryJob = "job";
/// A unit of the race changed its ActiveState.
inline constexpr std::string_view kHistoryUnit = "unit";
/// A network interface's carrier or operational state changed (netlink).
inline constexpr std::string_view kHistoryLink = "link";
/// An address was added to or removed from an interface (netlink).
inline constexpr std::string_view kHistoryAddress = "address";
/// NetworkManager's DnsManager changed its mode or configuration (D-Bus).
inline constexpr std::string_view kHistoryNmDns = "nm-dns";
/// A NetworkManager device changed state (D-Bus).
inline constexpr std::string_view kHistoryNmDevice = "nm-device";
/// A NetworkManager active connection appeared ("add") or went ("remove").
inline constexpr std::string_view kHistoryNmConnection = "nm-connection";
/// The observer itself: "started" (watches armed), "dropped" (events lost to
/// the rate limit; `count` says how many), "error" (a source failed; `detail`).
inline constexpr std::string_view kHistoryObserver = "observer";
/// A checkpoint of the probe, added by the host from the observation's time.
inline constexpr std::string_view kHistoryMarker = "marker";
inline constexpr std::string_view kHistoryKinds[] = {
    kHistoryResolvConf, kHistoryJob,      kHistoryUnit,         kHistoryLink,     kHistoryAddress,
    kHistoryNmDns,      kHistoryNmDevice, kHistoryNmConnection, kHistoryObserver, kHistoryMarker};

/// The operations of each kind (HistoryEvent::op).
/// resolv-conf: how the file changed, after fanotify's event names.
inline constexpr std::string_view kHistoryOpsResolvConf[] = {
    "create", "modify", "moved-to", "delete", "moved-from", "attrib", "initial"};
inline constexpr std::string_view kHistoryOpsJob[] = {"new", "removed", "queued"};
inline constexpr std::string_view kHistoryOpsAddress[] = {"add", "remove"};
inline constexpr std::string_view kHistoryOpsNmConnection[] = {"add", "remove"};
inline constexpr std::string_view kHistoryOpsObserver[] = {"started", "dropped", "error"};

/// The process that caused an event, as the kernel named it at the time.
struct HistoryWriter {
  int pid = 0;
  std::string comm;  ///< /proc/PID/comm; "" when the process had already gone
  std::string exe;   ///< /proc/PID/exe's target; "" when unknown
  std::string unit;  ///< the systemd unit of its cgroup, e.g. NetworkManager.service; "" if none
  bool operator==(const HistoryWriter&) const = default;
};

/// One event. Which members a kind sets is stated beside each; the others
/// keep their defaults and are not written.
struct HistoryEvent {
  std::string kind;               ///< one of kHistoryKinds
  std::uint64_t seq = 0;          ///< the observer's count, from 1; 0 for markers
  std::int64_t monotonic_us = 0;  ///< CLOCK_MONOTONIC in the guest
  std::string op;                 ///< resolv-conf, job, address, nm-connection, observer

  // resolv-conf
  std::string path;  ///< the path the kernel reported, e.g. /etc/resolv.conf
  /// What /etc/resolv.conf reads as after the event (bounded); nullopt: missing.
  std::optional<std::string> content;
  std::string symlink_target;  ///< /etc/resolv.conf's link target; "" for a file
  std::string sha256;          ///< of `content`, lower-case hex; "" when missing
  std::optional<HistoryWriter> writer;

  // job, unit
  std::string unit;
  std::string job_type;  ///< job: start, stop, reload, restart, ...; "" when unknown
  std::uint32_t job_id = 0;
  std::string result;        ///< job "removed": done, canceled, failed, ...
  std::string active_state;  ///< unit: active, activating, deactivating, ...
  std::string sub_state;     ///< unit: running, start-pre, dead, ...

  // link, address, nm-device
  std::string ifname;
  bool carrier = false;   ///< link
  std::string operstate;  ///< link: up, down, lowerlayerdown, ...
  std::string address;    ///< address: CIDR, e.g. 198.51.100.20/24
  std::string state;      ///< nm-device: NetworkManager's device state name, e.g. activated

  // nm-dns, nm-connection, observer, marker
  std::string mode;         ///< nm-dns: DnsManager.Mode, e.g. default, none
  std::string name;         ///< marker: the checkpoint; nm-connection: the connection's id
  std::string detail;       ///< nm-dns: the configuration's name servers; observer: what failed
  std::uint64_t count = 0;  ///< observer "dropped": events lost

  bool operator==(const HistoryEvent&) const = default;
};

nlohmann::json ToJson(const HistoryEvent& e);
/// Serialises to one line (no newline at the end), with "v": kHistorySchemaVersion.
std::string SerializeHistoryEvent(const HistoryEvent& e);
/// Strict and bounded: throws std::invalid_argument naming the problem for
/// malformed JSON, another schema version, an unknown kind or op, a member
/// its kind does not have, wrong types or oversized input.
HistoryEvent ParseHistoryEvent(std::string_view line);
/// The same checks on an already parsed value; errors name `path`.
HistoryEvent HistoryEventFromJson(const nlohmann::json& j, const std::string& path);

/// The members of one kind (one source for the writer, the reader and the
/// documentation in reports/README.md), besides "v", "kind", "seq" and
/// "monotonic_us". Empty for an unknown kind.
std::vector<std::string_view> HistoryMembersOf(std::string_view kind);

}  // namespace bootstorm
