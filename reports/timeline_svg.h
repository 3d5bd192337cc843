// A boot's timeline (boot_timeline.h) drawn as inline SVG: one lane per
// unit of kTimelineUnits on a time axis in seconds, a row of injected
// faults above, checkpoints as vertical lines. Elements carry classes the
// page's stylesheet colours, and a <title> (a tooltip) with the details.
#pragma once

#include <string>

#include "boot_timeline.h"

namespace bootstorm {

/// The <svg class="timeline"> of `t`, its axis from 0 to `axis_end_s` (give
/// timelines shown together the same end so they line up). Each lane is
/// `<g class="lane" data-unit="UNIT">`, in kTimelineUnits order, then the
/// lanes of kHistoryLanes when `t` has points of the event history; guest
/// faults on other units go to the fault row. `failed` marks the whole drawing as a
/// failing boot. All text is escaped.
std::string RenderTimelineSvg(const BootTimeline& t, double axis_end_s, bool failed);

/// The legend of the drawings (HTML with small inline SVG swatches).
std::string RenderTimelineLegend();

/// The lane name shown for `unit`: "agent local" for bootstorm-local.service,
/// "NetworkManager" for NetworkManager.service.
std::string LaneName(std::string_view unit);

}  // namespace bootstorm
