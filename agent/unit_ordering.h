// The systemd ordering of the agent's units for one boot. The unit files
// carry none: a drop-in can add After=/Before= but never remove them, so the
// generator writes all of it every boot from the plan.
#pragma once

#include <map>
#include <string>

#include "boot_plan.h"
#include "observation.h"

namespace bootstorm {

/// Under late-config, how long the network stage waits for the config drive
/// (the harness must hot-plug it sooner; scenarios/README.md says so).
inline constexpr int kLateConfigDriveTimeoutSeconds = 300;

/// Drop-in files keyed by path relative to the generator's output directory
/// (e.g. "bootstorm-local.service.d/50-order.conf"). Default plan: early and
/// local run before NetworkManager (the renderer path), network after both.
/// Fault nm-before-local: local runs after NetworkManager and drops its
/// Before= edges, which would otherwise form a cycle through
/// network-pre.target. Fault local-after-online: local also runs after
/// network-online.target, and network no longer orders itself before it
/// (a cycle through local otherwise). Fault network-before-nm: network is not
/// ordered after NetworkManager.service. Fault late-config: the network stage,
/// not local, wants and waits for the config drive's device, at most
/// kLateConfigDriveTimeoutSeconds.
///
/// Activator cloud-init: the agent only observes, around cloud-init's own
/// units, which keep their orderings: early before cloud-init's first unit
/// and NetworkManager, network (checkpoint after-network) after cloud-init's
/// network stage, final after cloud-final and network-online.target and
/// wanted by cloud-final (cloud-final is after multi-user.target, so the
/// image does not have multi-user.target want it). No local stage (the
/// image does not install it).
std::map<std::string, std::string> RenderOrderingDropIns(const BootPlan& plan);

}  // namespace bootstorm
