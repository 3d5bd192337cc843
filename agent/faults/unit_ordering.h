// The systemd ordering of the agent's units for one boot. The unit files
// carry none: a drop-in can add After=/Before= but never remove them, so the
// generator writes all of it every boot from the plan.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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

/// What an ordering fault changes in one unit file's [Unit] section.
struct UnitOrderingEdit {
  std::vector<std::string_view> remove_before;  ///< values dropped from Before= lines
  std::string add;                              ///< lines appended to [Unit], "\n"-ended
};

/// `unit_text` with `edit` applied: each listed value removed from the
/// [Unit] section's Before= lines (a line left empty is dropped;
/// other sections, comments and directives are kept as they are), and
/// `edit.add` appended at the end of [Unit]. Text without a [Unit] section
/// gets one.
std::string RewriteUnitOrdering(std::string_view unit_text, const UnitOrderingEdit& edit);

/// The image's unit file of that name ("" when the image has none).
using UnitFileReader = std::function<std::string(std::string_view unit)>;

/// Ordering faults on cloud-init's units (activator cloud-init): whole
/// replacement units keyed by unit name, for the generator's early output
/// directory, which wins over /etc and /usr (a drop-in cannot remove an
/// ordering, and cloud-init's units carry orderings that would close a
/// cycle). Each is the image's own unit, read through `read_unit`, with
/// only the edges listed below changed; a unit the image lacks (one release
/// has cloud-init.service, the other cloud-init-network.service) is skipped.
/// - nm-before-local: cloud-init-local loses Before=NetworkManager.service,
///   network-pre.target and sysinit.target and gains
///   After=NetworkManager.service; the network stage loses
///   Before=sysinit.target (NetworkManager comes after sysinit.target, and
///   the network stage after cloud-init-local: a cycle otherwise).
/// - local-after-online: as nm-before-local, cloud-init-local also
///   Wants= and After=network-online.target, and the network stage loses
///   Before=network-online.target.
/// - network-before-nm: nothing: both Debian releases already run the
///   network stage before NetworkManager (docs/CLOUD-INIT.md).
/// Empty for other activators and plans without these faults.
std::map<std::string, std::string> RenderCloudInitReorderedUnits(const BootPlan& plan,
                                                                 const UnitFileReader& read_unit);

}  // namespace bootstorm
