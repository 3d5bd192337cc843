// What a boot's timeline shows, on the guest's clock: from the observations'
// unit timestamps the spans each unit spent activating, active and
// deactivating, and as points the units' failures, NetworkManager's reloads
// and the connections it was asked to activate, the faults injected and the
// checkpoints; from the boot's event history
// (boot_history.h) every write of resolv.conf and every change of
// NetworkManager's DNS, each on a lane of its own. Pure; drawn by
// timeline_svg.h.
#pragma once

#include <string>
#include <vector>

#include "history.h"
#include "run_record.h"

namespace bootstorm {

enum class SpanKind { kActivating, kActive, kDeactivating, kGuestFault };

struct TimelineSpan {
  std::string unit;  ///< the lane: a unit (for guest faults: the unit acted on)
  SpanKind kind = SpanKind::kActive;
  double begin_s = 0;
  double end_s = 0;
  bool open_end = false;   ///< still going at the last thing recorded
  std::string label = {};  ///< for guest faults: the fault kind
  bool operator==(const TimelineSpan&) const = default;
};

enum class PointKind {
  kUnitFailed,
  kNmReload,
  kNmActivation,  ///< a connection NetworkManager was asked to activate
  kHostFault,
  kCheckpoint,
  kResolvConfWrite,  ///< on lane kResolvConfLane
  kNmDns,            ///< on lane kNmDnsLane
};

/// The lanes of the event history's points, drawn below the units' lanes.
inline constexpr std::string_view kResolvConfLane = "resolv.conf";
inline constexpr std::string_view kNmDnsLane = "NetworkManager DNS";
inline constexpr std::string_view kHistoryLanes[] = {kResolvConfLane, kNmDnsLane};

struct TimelinePoint {
  PointKind kind = PointKind::kCheckpoint;
  std::string unit;  ///< the lane; "" for host faults and checkpoints
  double at_s = 0;
  /// Reload action and who asked, fault, checkpoint name; for history
  /// points what changed ("moved-to by NetworkManager (pid 512): name
  /// servers [a] -> [b]").
  std::string label;
  bool failed = false;  ///< a checkpoint at which a check failed
  bool operator==(const TimelinePoint&) const = default;
};

/// One run of the guest's clock: a whole boot, or one of the two parts of an
/// interrupted boot (faults shutdown, power-cut).
struct BootTimeline {
  std::string part;  ///< Observation::part: kPartInterrupted or ""
  std::vector<TimelineSpan> spans;
  std::vector<TimelinePoint> points;
  double end_s = 0;  ///< the latest time recorded in it
};

/// The timelines of `boot`, the interrupted part first. Seconds on the
/// guest's CLOCK_MONOTONIC (since its kernel started); host faults, timed
/// since the domain started, are put on the first part's clock, which starts
/// about as the domain does (direct kernel boot). The same event seen by
/// several observations counts once. A boot without observations gives one
/// timeline with only its host faults. `history`, the boot's event history
/// (of the recovery boot, for an interrupted one), adds its points to the
/// last timeline.
std::vector<BootTimeline> BootTimelines(const BootRecord& boot,
                                        const std::vector<HistoryEvent>& history = {});

}  // namespace bootstorm
