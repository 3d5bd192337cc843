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

namespace bootstorm {

/// Name of the virtio-serial port (guest: /dev/virtio-ports/<name>).
inline constexpr std::string_view kProbeChannelName = "org.bootstorm.probe.0";

/// Checkpoints, in boot order.
inline constexpr std::string_view kCheckpointEarly = "early";  ///< before NM starts
inline constexpr std::string_view kCheckpointAfterNetwork = "after-network";
inline constexpr std::string_view kCheckpointFinal = "final";
inline constexpr std::string_view kCheckpointAfterDnsEvent = "after-dns-event";
/// Sent last in every boot: the agent has finished; the host may shut down.
inline constexpr std::string_view kCheckpointEnd = "end";

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
  /// Agent log lines of this boot up to the checkpoint (activation commands
  /// run and why); bounded by the agent.
  std::vector<std::string> agent_log;
  bool operator==(const Observation&) const = default;
};

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
