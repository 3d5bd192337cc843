// The per-boot plan: what the harness asks of one boot of one VM.
//
// The harness writes it on the kernel command line (direct kernel boot lets it
// change for every boot); the guest's systemd generator and agent stages read
// it. It is also stored in the results, so a boot can be replayed exactly.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fault_catalog.h"
#include "units.h"

namespace bootstorm {

/// How the agent manages the network: what it renders and how it activates.
enum class Activator {
  kReference,           ///< reload NM, reload connections, bring them up; only when needed
  kLegacyInterfaces,    ///< per-interface `nmcli connection load` + `up`, no reload
  kLegacyFinalRestart,  ///< as legacy-interfaces, and the final unit reloads or restarts NM
  kNone,                ///< renders and activates nothing: NetworkManager owns the network
  /// The image's own cloud-init renders and activates (images built with
  /// --sut cloud-init); the agent only observes, at checkpoints placed
  /// around cloud-init's units.
  kCloudInit,
};

/// Every activator, in documentation order.
inline constexpr Activator kAllActivators[] = {Activator::kReference, Activator::kLegacyInterfaces,
                                               Activator::kLegacyFinalRestart, Activator::kNone,
                                               Activator::kCloudInit};

std::string_view ActivatorName(Activator a);
/// Whether the agent renders and activates the network (the reference and
/// legacy activators). When it does not, NetworkManager owns DNS and the
/// interfaces (kNone), or cloud-init configures them (kCloudInit).
bool AgentManagesNetwork(Activator a);
/// Whether something renders the config drive's network configuration: the
/// agent, or cloud-init (every activator but kNone).
bool RendersConfigDrive(Activator a);
/// Parses an activator name; nullopt when unknown.
std::optional<Activator> ParseActivator(std::string_view name);

/// "" when a boot with `activator` can have fault `kind` on `unit` ("" when
/// the kind takes none); otherwise why not.
std::string FaultUnsupportedReason(std::string_view kind, std::string_view unit,
                                   Activator activator);

/// Bounds that keep a plan (and the kernel command line) sane.
inline constexpr int kMaxVms = 10000;
inline constexpr int kMaxBoots = 1000;

/// Upper bound of Fault::ms (one hour).
inline constexpr int kMaxFaultMs = 3600 * 1000;

/// One fault of one boot, with its drawn parameters. Parameters a kind does
/// not take stay at their defaults and are left out of the JSON.
struct Fault {
  std::string kind;
  std::string unit = {};  ///< systemd unit the fault acts on ("" when none)
  int ms = 0;             ///< duration or offset in milliseconds
  int percent = 0;        ///< share, 1..100 (0 when none)
  bool operator==(const Fault&) const = default;
};

nlohmann::json ToJson(const Fault& fault);
/// Strict: the parameters must be exactly those the kind takes.
Fault FaultFromJson(const nlohmann::json& j, const std::string& path);
/// As people read it: "nm-before-local", "delay(NetworkManager.service, 1500 ms)".
std::string FormatFault(const Fault& fault);

struct BootPlan {
  std::string run_id;
  int vm = 0;    ///< 0-based VM index
  int boot = 1;  ///< 1-based boot index
  Activator activator = Activator::kReference;
  std::vector<Fault> faults;

  bool HasFault(std::string_view kind) const;
  /// Whether a fault of the plan is of a kind with catalog flag `flag`
  /// (FaultKind::misses_renderer_path, ...).
  bool HasFaultThat(bool FaultKind::*flag) const;
  /// The first fault of `kind`; nullptr when the plan has none.
  const Fault* FindFault(std::string_view kind) const;
  bool operator==(const BootPlan&) const = default;
};

nlohmann::json ToJson(const BootPlan& plan);
/// Strict: throws JsonPathError (a std::invalid_argument) naming the field on
/// unknown keys, wrong types or unknown fault kinds; paths start at `path`.
BootPlan BootPlanFromJson(const nlohmann::json& j, const std::string& path = "plan");

/// Kernel command line parameter that carries the plan.
inline constexpr std::string_view kPlanCmdlineKey = "bootstorm.plan";

/// `bootstorm.plan=<base64url of compact JSON>`; no spaces, safe on a cmdline.
std::string EncodePlanForCmdline(const BootPlan& plan);
/// Finds `bootstorm.plan=` in a whole kernel command line and decodes it.
/// nullopt when absent; throws std::invalid_argument when present but invalid.
std::optional<BootPlan> DecodePlanFromCmdline(std::string_view cmdline);

}  // namespace bootstorm
