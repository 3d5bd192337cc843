// What a fault kind is: the parameters a scenario gives it and what it
// changes in what the harness expects of the boot. Each fault family
// declares its kinds in one header under faults/ (the family's module);
// fault_catalog.h puts the families together.
#pragma once

#include <span>
#include <string_view>

namespace bootstorm {

/// One fault kind. Plans carry drawn values of its parameters; scenarios give
/// a unit name and ranges from which each boot's plan draws them (PlanBoot
/// draws every kind the same way, from these flags).
struct FaultKind {
  std::string_view name;
  bool takes_unit = false;     ///< a systemd unit name, `Fault::unit`
  bool takes_ms = false;       ///< a duration or offset, `Fault::ms`
  bool takes_percent = false;  ///< a share of something, `Fault::percent` (1..100)
  /// The units `Fault::unit` may name; empty: any.
  std::span<const std::string_view> units = {};
  /// The fault acts on the agent's own activation steps: with a config drive,
  /// cloud-init activates nothing in its network stage (docs/CLOUD-INIT.md),
  /// so there is no step to disrupt under activator cloud-init.
  bool agent_stages_only = false;

  // What the fault changes in the expectation (harness/check).
  /// NetworkManager can activate before the configuration is rendered, so
  /// the renderer path misses and the network stage must activate (one
  /// NetworkManager reload is then the design, not a fault of the SUT).
  bool misses_renderer_path = false;
  /// The boot runs in two parts on one disk (interruption.h): checks judge
  /// the recovery boot, and a render before the interruption must persist.
  bool interrupts_boot = false;
  /// The guest reloads, restarts or kills NetworkManager itself: what
  /// NetworkManager does inside the fault's recorded window is the fault's,
  /// not the SUT's (activation-once).
  bool disrupts_network_manager = false;
};

}  // namespace bootstorm
