// The systemd units bootstorm names, guest and host alike: the agent's
// stages, the observer, and the system services of the race.
#pragma once

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

}  // namespace bootstorm
