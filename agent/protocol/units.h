// The systemd units bootstorm names, guest and host alike: the agent's
// stages, the observer, and the system services of the race.
#pragma once

#include <array>
#include <string_view>

namespace bootstorm {

/// The agent's systemd units, in boot order; all names start with the prefix.
inline constexpr std::string_view kAgentUnitPrefix = "bootstorm-";
inline constexpr std::string_view kUnitEarly = "bootstorm-early.service";
inline constexpr std::string_view kUnitLocal = "bootstorm-local.service";
inline constexpr std::string_view kUnitNetwork = "bootstorm-network.service";
inline constexpr std::string_view kUnitFinal = "bootstorm-final.service";
/// The observer (history.h): bootstorm's, but no stage of any SUT.
inline constexpr std::string_view kUnitObserver = "bootstorm-observer.service";

/// The services of the race.
inline constexpr std::string_view kUnitNetworkManager = "NetworkManager.service";
inline constexpr std::string_view kUnitNmWaitOnline = "NetworkManager-wait-online.service";
inline constexpr std::string_view kUnitDbus = "dbus.service";
inline constexpr std::string_view kTargetNetworkOnline = "network-online.target";

/// cloud-init's units (Debian 12: 22.4; Debian 13: 25.1, which adds
/// cloud-init-main and names the network stage cloud-init-network), in boot
/// order. docs/CLOUD-INIT.md has their orderings.
inline constexpr std::string_view kUnitCloudInitMain = "cloud-init-main.service";
inline constexpr std::string_view kUnitCloudInitLocal = "cloud-init-local.service";
inline constexpr std::string_view kUnitCloudInitNetwork22 = "cloud-init.service";
inline constexpr std::string_view kUnitCloudInitNetwork = "cloud-init-network.service";
inline constexpr std::string_view kUnitCloudConfig = "cloud-config.service";
inline constexpr std::string_view kUnitCloudFinal = "cloud-final.service";
/// `a` followed by `b`: unit lists made of others, each name in one place.
template <std::size_t N, std::size_t M>
constexpr std::array<std::string_view, N + M> JoinUnits(const std::array<std::string_view, N>& a,
                                                        const std::array<std::string_view, M>& b) {
  std::array<std::string_view, N + M> joined{};
  for (std::size_t i = 0; i < N; ++i) joined[i] = a[i];
  for (std::size_t i = 0; i < M; ++i) joined[N + i] = b[i];
  return joined;
}

/// cloud-init's stages, each a unit that starts when its stage runs.
inline constexpr std::array<std::string_view, 5> kCloudInitStageUnits = {
    kUnitCloudInitLocal, kUnitCloudInitNetwork22, kUnitCloudInitNetwork, kUnitCloudConfig,
    kUnitCloudFinal};
/// Every cloud-init unit above; a release has a subset of them.
inline constexpr auto kCloudInitUnits =
    JoinUnits(std::array<std::string_view, 1>{kUnitCloudInitMain}, kCloudInitStageUnits);

/// Whether `unit` is one of kCloudInitUnits.
constexpr bool IsCloudInitUnit(std::string_view unit) {
  for (std::string_view u : kCloudInitUnits)
    if (u == unit) return true;
  return false;
}

/// Whether `unit` is a stage of a system under test: the agent's units (the
/// observer is no SUT's) or cloud-init's.
constexpr bool IsSutUnit(std::string_view unit) {
  return (unit.starts_with(kAgentUnitPrefix) && unit != kUnitObserver) || IsCloudInitUnit(unit);
}

}  // namespace bootstorm
