// `bootstorm gc`: remove what dead runs left on hypervisors.
#pragma once

#include <string>
#include <vector>

#include "connect_option.h"
#include "garbage_collector.h"
#include "libvirt_hypervisor.h"

namespace bootstorm {

/// CollectDeadRuns on the host at `uri`; a failure to connect counts as one
/// error and is printed. Never throws.
int CollectDeadRunsOn(const std::string& uri, const HypervisorFactory& connect = ConnectLibvirt);

/// The command, on each host in turn: 0 when everything of dead runs is gone
/// from all of them (kPass), kInfra when a host could not be reached or cleaned.
ExitCode RunGcCommand(const std::vector<HostSpec>& hosts,
                      const HypervisorFactory& connect = ConnectLibvirt);

}  // namespace bootstorm
