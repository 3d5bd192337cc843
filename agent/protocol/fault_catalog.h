// The fault catalog: every fault family's kinds, put together (as Jepsen's
// nemesis/combined composes its packages). A family is one header under
// faults/ that declares its kinds, their parameters and what they change in
// the expectation, and names the files of its guest and host effects.
// Users' documentation: scenarios/README.md; adding a family:
// docs/ARCHITECTURE.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "fault_kind.h"
#include "faults/boot_interruption.h"
#include "faults/cpu_starve.h"
#include "faults/dns_events.h"
#include "faults/late_config.h"
#include "faults/nm_disruption.h"
#include "faults/self_tests.h"
#include "faults/unit_delay.h"
#include "faults/unit_ordering.h"

namespace bootstorm {

/// One family: its name (as scenarios/README.md groups the kinds) and kinds.
struct FaultFamily {
  std::string_view name;
  std::span<const FaultKind> kinds;
};

/// Every family, in documentation order. The one list of fault kinds.
inline constexpr FaultFamily kFaultFamilies[] = {
    {"unit-ordering", kUnitOrderingFaults}, {"unit-delay", kUnitDelayFaults},
    {"nm-disruption", kNmDisruptionFaults}, {"boot-interruption", kBootInterruptionFaults},
    {"late-config", kLateConfigFaults},     {"dns-events", kDnsEventFaults},
    {"cpu-starve", kCpuStarveFaults},       {"self-tests", kSelfTestFaults},
};

/// The catalog entry of fault `kind`; nullptr when the guest and harness do
/// not know it.
const FaultKind* FindFaultKind(std::string_view kind);
/// Whether the guest understands fault `kind`.
bool IsKnownFault(std::string_view kind);
/// Whether fault `kind` is known and has catalog flag `flag`
/// (FaultKind::misses_renderer_path, ...).
bool FaultKindHas(std::string_view kind, bool FaultKind::*flag);
/// The error message for a kind FindFaultKind does not know, listing the
/// known kinds by family.
std::string UnknownFaultError(std::string_view kind);

/// Whether `unit` is one that fault `kind` may name.
bool FaultUnitAllowed(const FaultKind& kind, std::string_view unit);
/// The error message for a unit FaultUnitAllowed rejects, listing the allowed ones.
std::string FaultUnitError(const FaultKind& kind, std::string_view unit);

}  // namespace bootstorm
