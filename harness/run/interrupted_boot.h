// The host side of interrupted boots (faults shutdown and power-cut, see
// interruption.h): the interrupted part runs on the boot's disk layer until
// the guest powers itself off at its shutdown point, or until the host cuts
// its power; the recovery boot then boots the same layer, so a retried boot
// replays both parts from the same disk.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "boot_plan.h"
#include "boot_session.h"
#include "hypervisor.h"
#include "observation.h"
#include "run_record.h"

namespace bootstorm {

/// How the interrupted part of a boot went.
struct InterruptedRun {
  std::vector<std::string> lines;          ///< probe lines, in arrival order
  std::vector<std::string> history_lines;  ///< the observer's lines, in arrival order
  /// The shutdown or power cut, timed since the domain's start (for a
  /// shutdown, which the guest requests itself: when the domain stopped).
  std::vector<FaultInjection> injections;
  std::string error;       ///< an infra error; "" when the fault ended the part as planned
  bool cancelled = false;  ///< the run is being interrupted (Ctrl-C, timeout): `error` says so
};

/// Collects the interrupted part of a boot from `session`, the events of
/// `domain`, started at `started`, until `fault` ends it. Power cut: at
/// `fault.ms` after the start it destroys the domain (the deadline of the
/// session's wait, no sleeping thread); the guest stopping before is an
/// error. Shutdown: the guest must power off ("shutdown") within `timeout`.
/// Observations arriving meanwhile, even `end`, are kept; the cut or the
/// shutdown still comes. Errors name `uri` when the connection was lost.
InterruptedRun RunUntilInterrupted(BootSession& session, RunningDomain& domain, const Fault& fault,
                                   std::chrono::steady_clock::time_point started,
                                   std::chrono::seconds timeout, std::string_view uri);

/// "vm-000/boot-1.console.log" -> "vm-000/boot-1.interrupted.console.log".
std::string InterruptedConsoleLogName(std::string_view console_log);

}  // namespace bootstorm
