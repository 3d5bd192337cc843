#include "nm_disruption.h"

#include <fmt/format.h>

#include "fault_events.h"
#include "guest_paths.h"
#include "monotonic_clock.h"
#include "run_steps.h"

namespace bootstorm {
namespace {

constexpr std::string_view kNmUnit = kUnitNetworkManager;
constexpr std::chrono::seconds kKillTimeout{30};
constexpr std::chrono::seconds kRestartTimeout{120};

}  // namespace

NmDisruption::NmDisruption(const BootPlan& plan, std::function<void(std::string_view)> inject)
    : inject_(std::move(inject)) {
  for (const Fault& f : plan.faults) {
    if (f.kind == kFaultNmKill || f.kind == kFaultNmRestart) kinds_.push_back(f.kind);
  }
}

void NmDisruption::BeforeStep(std::size_t index) {
  if (index == kDisruptionStep) Fire();
}

void NmDisruption::Finish() { Fire(); }

void NmDisruption::Fire() {
  if (fired_) return;
  fired_ = true;
  for (const std::string& kind : kinds_) inject_(kind);
}

CommandStep NmDisruptionCommand(std::string_view kind) {
  if (kind == kFaultNmKill)
    return {{"systemctl", "kill", "--kill-whom=main", "--signal=SIGKILL", std::string(kNmUnit)},
            kKillTimeout};
  return {{"systemctl", "restart", std::string(kNmUnit)}, kRestartTimeout};
}

void InjectNmDisruption(std::string_view kind, const AgentLog& log) {
  log.Write(fmt::format("fault {}: NetworkManager during activation", kind));
  FaultEvent event{std::string(kind), std::string(kNmUnit), MonotonicMicros(), 0};
  if (!RunLoggedStep(NmDisruptionCommand(kind), log)) {
    log.Write(fmt::format("fault {} had no effect", kind));
    return;
  }
  event.end_us = MonotonicMicros();
  if (!RecordFaultEvent(std::string(kFaultEventsPath), event))
    log.Write(fmt::format("cannot record fault {} in {}", kind, kFaultEventsPath));
}

}  // namespace bootstorm
