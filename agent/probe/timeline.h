// The boot's timeline as systemd recorded it: when the agent's units, NM,
// NM-wait-online, dbus and the config drive's device started, became active, stopped or failed, in
// the guest's CLOCK_MONOTONIC microseconds (the clock of the observations).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "observation.h"

namespace bootstorm {

/// `systemctl show -p <TimelineProperties()> <kTimelineUnits...>` (observation.h): one call
/// for all units.
std::vector<std::string> TimelineQuery();

/// Events from the output of TimelineQuery(), ordered by time: per unit one
/// event per non-zero timestamp, and `failed` (at InactiveEnter) when its
/// ActiveState is failed. Blocks without Id, unknown keys and malformed
/// numbers are skipped; at most kMaxTimelineEvents events.
std::vector<TimelineEvent> ParseSystemctlShow(std::string_view text);

/// `unit`'s ActiveState in the output of TimelineQuery() ("active",
/// "inactive", ...); "" when the output has none for it.
std::string ParseActiveState(std::string_view text, std::string_view unit);

}  // namespace bootstorm
