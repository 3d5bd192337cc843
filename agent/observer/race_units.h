// The units of the race: the systemd units whose jobs and states the
// history records (the network stack, the SUT's units, D-Bus, the resolver).
#pragma once

#include <string_view>

namespace bootstorm {

/// The unit the observer needs to see active before it connects to the system bus.
inline constexpr std::string_view kSystemBusUnit = "dbus.service";

/// Whether the history records `unit`'s jobs and state changes.
bool IsUnitOfTheRace(std::string_view unit);

}  // namespace bootstorm
