// Rendering the config drive's network configuration into the guest: NM
// keyfiles, the dns=none conf.d file and resolv.conf, recorded in the local
// state file. The local stage does it on the renderer path; under fault
// late-config the drive arrives after NetworkManager and the network stage
// does it instead.
#pragma once

#include <chrono>
#include <string_view>

#include "agent_log.h"

namespace bootstorm {

/// Waits up to `drive_timeout` for the config drive's device, mounts it,
/// renders what its network_data.json describes and writes the local state
/// (with `nm_active_state`, NetworkManager's ActiveState at render time, to
/// decide whether activation is needed). Returns false, after logging why,
/// on a missing drive, malformed data or a write error.
bool RenderConfigDrive(std::string_view nm_active_state, std::chrono::seconds drive_timeout,
                       const AgentLog& log);

/// Whether the config drive's device node exists now.
bool ConfigDrivePresent();

}  // namespace bootstorm
