// The agent's subcommands, one per systemd unit or generator (fault delay's
// `delay`, run before a unit, is RunDelay in unit_delays.h). Each returns the
// process exit code; all log to the agent log.
#pragma once

#include <string>
#include <string_view>

#include "agent_log.h"
#include "kernel_plan.h"

namespace bootstorm {

/// Systemd generator: writes the plan's ordering drop-ins into `unit_dir`
/// (the generator's first, "normal" output directory) and the replacement
/// units of ordering faults on cloud-init's units into `early_dir` (its
/// second, which wins over /etc and /usr).
int RunGenerate(const KernelPlan& plan, const std::string& unit_dir, const std::string& early_dir,
                const AgentLog& log);

/// `local`: mounts the config drive and renders NM keyfiles, the dns=none
/// conf.d file and resolv.conf; records what it did in the local state file.
/// Fails (non-zero) on a missing drive or malformed network data. With
/// activator none it renders nothing; under fault late-config it renders
/// nothing when the drive is not there yet.
int RunLocalStage(const KernelPlan& plan, const AgentLog& log);

/// `network`: under late-config, when local rendered nothing, renders the
/// drive that arrived after NetworkManager (see render_config.h); activates
/// the rendered configuration when needed, with the plan's activator, then
/// probes checkpoint after-network.
int RunNetworkStage(const KernelPlan& plan, const AgentLog& log);

/// `final`: probes final; with DNS-event faults (connection-reup: brings the
/// connections up again, the agent's or NM's own with activator none;
/// link-flap: waits for the host's link down and up and NM to reconnect;
/// dhcp-renew: waits for NM's DHCP lease to be renewed) probes
/// after-dns-event once they happened; always ends with checkpoint end.
int RunFinalStage(const KernelPlan& plan, const AgentLog& log);

}  // namespace bootstorm
