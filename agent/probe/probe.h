// The probe: snapshots the guest's network and DNS state at one checkpoint
// and sends it to the host as one JSON line over a virtio-serial port. It uses
// nothing of the guest network, which is what is under test.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "agent_log.h"
#include "boot_plan.h"
#include "observation.h"

namespace bootstorm {

/// systemd's ActiveState of NetworkManager.service; "" when unknown.
std::string QueryNmActiveState(const AgentLog& log);

/// The guest's state now, labelled with the plan's run, VM and boot.
Observation CollectObservation(const BootPlan& plan, std::string_view checkpoint,
                               const AgentLog& log);

/// Writes `line` and a newline to the virtio-serial port. Writes block until
/// the host opens its end (which is how a late reader loses nothing), so this
/// waits with poll for at most `timeout` in total. Returns whether all of it
/// was written; a missing port is logged, not an error of the boot.
bool SendObservationLine(const std::string& port_path, const std::string& line,
                         std::chrono::milliseconds timeout, const AgentLog& log);

/// Collects and sends one observation; never throws. `plan_found` says
/// whether the plan came from the kernel command line: only then is the probe
/// port expected, so only then does it wait briefly for udev to create it.
void Probe(const BootPlan& plan, bool plan_found, std::string_view checkpoint, const AgentLog& log);

}  // namespace bootstorm
