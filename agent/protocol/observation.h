// One observation: the guest's state at one checkpoint of one boot, sent by
// the probe to the host as one JSON line over a virtio-serial channel.
//
// The guest is untrusted: ParseObservation bounds sizes and validates types so
// the host can feed it whatever arrives on the channel.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "units.h"

namespace bootstorm {

/// Name of the virtio-serial port (guest: /dev/virtio-ports/<name>).
inline constexpr std::string_view kProbeChannelName = "org.bootstorm.probe.0";

/// Most observations one boot may send. A real boot sends one per checkpoint
/// (5 to 6, twice that when interrupted: harness/testdata); a guest past this
/// is broken or hostile, and its boot an infra error, never a truncated pass.
inline constexpr std::size_t kMaxObservationsPerBoot = 1000;

/// Checkpoints, in boot order.
inline constexpr std::string_view kCheckpointEarly = "early";  ///< before NM starts
inline constexpr std::string_view kCheckpointAfterNetwork = "after-network";
inline constexpr std::string_view kCheckpointFinal = "final";
inline constexpr std::string_view kCheckpointAfterDnsEvent = "after-dns-event";
/// Sent last in every boot: the agent has finished; the host may shut down.
inline constexpr std::string_view kCheckpointEnd = "end";

/// Observation::part of the observations of the interrupted part of a boot
/// (faults shutdown, power-cut); the recovery boot's observations have none.
inline constexpr std::string_view kPartInterrupted = "interrupted";

/// The units whose timestamps each observation carries (its timeline).
/// Systemd unit of the config drive's device node, /dev/disk/by-label/config-2:
/// when it appears shows when the drive arrived (late-config).
inline constexpr std::string_view kConfigDriveDeviceUnit =
    "dev-disk-by\\x2dlabel-config\\x2d2.device";
inline constexpr auto kTimelineUnits = JoinUnits(
    JoinUnits(std::array<std::string_view, 7>{kUnitEarly, kUnitLocal, kUnitNetwork, kUnitFinal,
                                              kUnitNetworkManager, kUnitNmWaitOnline, kUnitDbus},
              kCloudInitUnits),
    std::array<std::string_view, 1>{kConfigDriveDeviceUnit});

/// Timeline events, named after systemd's unit timestamps.
inline constexpr std::string_view kEventInactiveExit = "inactive-exit";    ///< began activating
inline constexpr std::string_view kEventActiveEnter = "active-enter";      ///< became active
inline constexpr std::string_view kEventActiveExit = "active-exit";        ///< began deactivating
inline constexpr std::string_view kEventInactiveEnter = "inactive-enter";  ///< became inactive
/// The unit is in state failed (time: when it became inactive).
inline constexpr std::string_view kEventFailed = "failed";
inline constexpr std::string_view kTimelineEvents[] = {
    kEventInactiveExit, kEventActiveEnter, kEventActiveExit, kEventInactiveEnter, kEventFailed};

/// What was done to NetworkManager.service: a reload, a stop followed by a
/// start, or a stop (so far) without one.
inline constexpr std::string_view kNmReload = "reload";
inline constexpr std::string_view kNmRestart = "restart";
inline constexpr std::string_view kNmStop = "stop";
inline constexpr std::string_view kNmReloadActions[] = {kNmReload, kNmRestart, kNmStop};

/// Bounds on the lists of one observation (the agent keeps within them).
inline constexpr std::size_t kMaxTimelineEvents = 128;
inline constexpr std::size_t kMaxNmReloads = 32;
inline constexpr std::size_t kMaxNmActivations = 32;
inline constexpr std::size_t kMaxNmDnsJournalLines = 50;
inline constexpr std::size_t kMaxNmDnsJournalLineBytes = 512;
inline constexpr std::size_t kMaxFaultEvents = 32;
inline constexpr std::size_t kMaxOrderingCycleLines = 20;
inline constexpr std::size_t kMaxSutLogLines = 80;
/// Bytes of one journal or log line an observation carries (the rest is cut).
inline constexpr std::size_t kMaxEvidenceLineBytes = 512;

/// Upper bound on one observation line; anything longer is hostile or broken.
inline constexpr std::size_t kMaxObservationBytes = 256 * 1024;
/// Upper bound on the resolv.conf text the probe sends.
inline constexpr std::size_t kMaxResolvConfBytes = 16 * 1024;

struct DeviceState {
  std::string name;               ///< kernel name, e.g. enp1s0
  std::string mac;                ///< lower case, colon separated
  std::string nm_state;           ///< nmcli device state, e.g. "connected"
  std::vector<std::string> ipv4;  ///< CIDR, e.g. 198.51.100.20/24
  std::vector<std::string> ipv6;  ///< CIDR, global scope only
  bool operator==(const DeviceState&) const = default;
};

/// One timestamp of one unit this boot.
struct TimelineEvent {
  std::string unit;   ///< e.g. NetworkManager.service
  std::string event;  ///< one of kTimelineEvents
  std::int64_t monotonic_us = 0;
  bool operator==(const TimelineEvent&) const = default;
};

/// A reload or restart of NetworkManager this boot and who asked for it.
struct NmReload {
  std::string action;  ///< one of kNmReloadActions
  std::int64_t monotonic_us = 0;
  /// The agent unit that was starting at the time (its ExecStartPre or
  /// ExecStart asked); "" when none was.
  std::string requested_by;
  bool operator==(const NmReload&) const = default;
};

/// A connection NetworkManager was asked to activate this boot and who
/// asked: its audit line `op="connection-activate"` with `result="success"`
/// (what `nmcli connection up` and any D-Bus ActivateConnection leave;
/// NetworkManager's own autoconnect leaves none).
struct NmActivation {
  std::string connection;  ///< the profile's name (`name=` of the audit line)
  std::int64_t monotonic_us = 0;
  /// As NmReload::requested_by: the SUT's unit starting at the time.
  std::string requested_by;
  bool operator==(const NmActivation&) const = default;
};

/// A fault the guest injected this boot (a delay before a unit, a kill or
/// restart of NetworkManager), timed by the agent that did it.
struct FaultEvent {
  std::string kind;  ///< a fault kind of the catalog (boot_plan.h)
  std::string unit;  ///< the unit it acted on
  std::int64_t begin_us = 0;
  std::int64_t end_us = 0;  ///< >= begin_us
  bool operator==(const FaultEvent&) const = default;
};

struct Observation {
  std::string run_id;
  int vm = 0;
  int boot = 0;
  std::string checkpoint;
  std::int64_t monotonic_us = 0;           ///< CLOCK_MONOTONIC in the guest
  std::optional<std::string> resolv_conf;  ///< nullopt: file missing
  bool resolv_conf_is_symlink = false;
  std::string nm_active_state;  ///< systemd ActiveState of NetworkManager.service
  std::string nm_dns_mode;      ///< DnsManager.Mode over D-Bus; "" when unknown
  std::vector<DeviceState> devices;
  /// This boot's timestamps of the agent's units, NetworkManager, cloud-init's,
  /// NetworkManager-wait-online and dbus, in time order.
  std::vector<TimelineEvent> timeline;
  /// NetworkManager's reloads and restarts this boot so far, in order.
  std::vector<NmReload> nm_reloads;
  /// The connections NetworkManager was asked to activate this boot so far,
  /// in order; nullopt in observations recorded before it existed (the JSON
  /// has no `nm_activations`), and at the early checkpoint.
  std::optional<std::vector<NmActivation>> nm_activations;
  /// The last journal lines of NetworkManager about DNS and resolv.conf this
  /// boot, as `journalctl -o short-monotonic` prints them.
  std::vector<std::string> nm_dns_journal;
  /// Agent log lines of this boot up to the checkpoint (activation commands
  /// run and why); bounded by the agent.
  std::vector<std::string> agent_log;
  /// The faults injected inside the guest this boot so far, in order. Absent
  /// in the JSON of observations recorded before it existed (then empty).
  std::vector<FaultEvent> faults;
  /// systemd's journal lines of this boot about an ordering cycle ("Found
  /// ordering cycle", "Job ... deleted to break ordering cycle"): the boot
  /// did not run the units the plan asked for. Absent in the JSON when empty.
  std::vector<std::string> ordering_cycles;
  /// The last lines of the SUT's own log about the network and DNS
  /// (/var/log/cloud-init.log with cloud-init; empty with the agent, whose
  /// log is agent_log), as evidence. Absent in the JSON when empty.
  std::vector<std::string> sut_log;
  /// Set by the host, not the guest: kPartInterrupted when the observation
  /// came from the interrupted part of its boot, "" otherwise.
  std::string part;
  bool operator==(const Observation&) const = default;
};

nlohmann::json ToJson(const TimelineEvent& e);
nlohmann::json ToJson(const NmReload& r);
nlohmann::json ToJson(const NmActivation& a);
nlohmann::json ToJson(const FaultEvent& e);
/// Strict: errors name `path`; end_us must not precede begin_us.
FaultEvent FaultEventFromJson(const nlohmann::json& j, const std::string& path);
nlohmann::json ToJson(const Observation& o);
/// Serialises to one line (no newline at the end).
std::string SerializeObservation(const Observation& o);
/// Strict and bounded: throws std::invalid_argument naming the problem for
/// malformed JSON, wrong types, unknown checkpoints or oversized input.
Observation ParseObservation(std::string_view line);
/// The same checks on an already parsed value; errors name `path` (for
/// observations stored in a run's records).
Observation ObservationFromJson(const nlohmann::json& j, const std::string& path);

}  // namespace bootstorm
