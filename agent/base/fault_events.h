// The guest's record of the faults it injected this boot: one JSON line per
// injection in a file under /run, appended by whichever agent process did it
// (a delay before a unit, the network stage's NetworkManager kill) and shipped
// by the probe in every observation, so the host sees what took effect and
// when, not only what the plan asked for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "observation.h"

namespace bootstorm {

/// Appends `event` as one line to `path` (one write on O_APPEND, so
/// concurrent writers do not interleave). Never throws; returns whether it
/// was written.
bool RecordFaultEvent(const std::string& path, const FaultEvent& event);

/// The events in the text of such a file, in order. Malformed lines are
/// skipped; at most kMaxFaultEvents.
std::vector<FaultEvent> ParseFaultEvents(std::string_view text);

/// ParseFaultEvents of the file at `path` (read bounded); empty when missing.
std::vector<FaultEvent> ReadFaultEvents(const std::string& path);

}  // namespace bootstorm
