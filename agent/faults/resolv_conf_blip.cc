#include "resolv_conf_blip.h"

#include <fmt/format.h>

#include <thread>

#include "boot_plan.h"
#include "fault_events.h"
#include "files.h"
#include "monotonic_clock.h"
#include "observation.h"

namespace bootstorm {

bool BlipResolvConf(const std::string& path, int ms, const std::string& events_path,
                    const AgentLog& log) {
  std::optional<std::string> original = ReadFileBounded(path, kMaxResolvConfBytes);
  if (!original) {
    log.Write(fmt::format("fault {}: cannot read {}", kFaultResolvConfBlip, path));
    return false;
  }
  FaultEvent event{std::string(kFaultResolvConfBlip), "", MonotonicMicros(), 0};
  try {
    ReplaceFileIfDifferent(path, std::string(kBlipResolvConf), 0644);
    // The fault's own duration, not a wait for anything.
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ReplaceFileIfDifferent(path, *original, 0644);
  } catch (const std::system_error& e) {
    log.Write(fmt::format("fault {}: {}", kFaultResolvConfBlip, e.what()));
    return false;
  }
  event.end_us = MonotonicMicros();
  log.Write(fmt::format("fault {}: {} rewritten and restored after {} ms", kFaultResolvConfBlip,
                        path, ms));
  if (!RecordFaultEvent(events_path, event))
    log.Write(fmt::format("cannot record fault {} in {}", kFaultResolvConfBlip, events_path));
  return true;
}

}  // namespace bootstorm
