#include "unit_delays.h"

#include <fmt/format.h>

#include <thread>

#include "fault_events.h"
#include "guest_paths.h"
#include "monotonic_clock.h"

namespace bootstorm {
namespace {

/// Start timeout of a delayed unit before the wait is added: the longest any
/// delayable unit has (the network and final stages' 900 s).
constexpr int kBaseStartTimeoutSeconds = 900;

}  // namespace

std::map<std::string, std::string> RenderDelayDropIns(const BootPlan& plan) {
  std::map<std::string, std::string> exec_lines;
  std::map<std::string, long long> total_ms;
  for (const Fault& f : plan.faults) {
    if (f.kind != kFaultDelay) continue;
    exec_lines[f.unit] +=
        fmt::format("ExecStartPre={} delay {} {}\n", kAgentBinaryPath, f.unit, f.ms);
    total_ms[f.unit] += f.ms;
  }
  std::map<std::string, std::string> drop_ins;
  for (const auto& [unit, lines] : exec_lines) {
    drop_ins[unit + ".d/60-delay.conf"] = fmt::format(
        "# Written by bootstorm-generator: fault delay.\n[Service]\n{}TimeoutStartSec={}s\n", lines,
        kBaseStartTimeoutSeconds + (total_ms[unit] + 999) / 1000);
  }
  return drop_ins;
}

int RunDelay(const std::string& unit, int ms, const AgentLog& log) {
  log.Write(fmt::format("fault delay: {} waits {} ms before it starts", unit, ms));
  FaultEvent event{std::string(kFaultDelay), unit, MonotonicMicros(), 0};
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  event.end_us = MonotonicMicros();
  if (!RecordFaultEvent(std::string(kFaultEventsPath), event))
    log.Write(fmt::format("cannot record the delay in {}", kFaultEventsPath));
  return 0;
}

}  // namespace bootstorm
