// The units of the race: the systemd units whose jobs and states the
// history records (the network stack, the SUT's units, D-Bus, the resolver).
#pragma once

#include <string_view>

namespace bootstorm {

/// Whether the history records `unit`'s jobs and state changes.
bool IsUnitOfTheRace(std::string_view unit);

}  // namespace bootstorm
