// The per-boot plan: what the harness asks of one boot of one VM.
//
// The harness writes it on the kernel command line (direct kernel boot lets it
// change for every boot); the guest's systemd generator and agent stages read
// it. It is also stored in the results, so a boot can be replayed exactly.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// How the agent's network stage activates the rendered configuration.
enum class Activator {
  kReference,         ///< reload NM, reload connections, bring them up; only when needed
  kLegacyInterfaces,  ///< per-interface `nmcli connection load` + `up`, no reload
};

std::string_view ActivatorName(Activator a);
/// Parses an activator name; nullopt when unknown.
std::optional<Activator> ParseActivator(std::string_view name);

/// Fault kinds understood by the guest.
inline constexpr std::string_view kFaultNmBeforeLocal = "nm-before-local";
/// After the final stage: `nmcli connection up` again, then probe (a DNS event).
inline constexpr std::string_view kFaultConnectionReup = "connection-reup";
/// Harness self-tests, a hostile guest: at the after-network checkpoint the
/// probe sends lines of garbage, or one line of 100 MiB, instead of JSON.
inline constexpr std::string_view kFaultProbeGarbage = "probe-garbage";
inline constexpr std::string_view kFaultProbeHugeLine = "probe-huge-line";

/// Whether the guest understands fault `kind`.
bool IsKnownFault(std::string_view kind);

/// Bounds that keep a plan (and the kernel command line) sane.
inline constexpr int kMaxVms = 10000;
inline constexpr int kMaxBoots = 1000;

struct Fault {
  std::string kind;
  bool operator==(const Fault&) const = default;
};

struct BootPlan {
  std::string run_id;
  int vm = 0;    ///< 0-based VM index
  int boot = 1;  ///< 1-based boot index
  Activator activator = Activator::kReference;
  std::vector<Fault> faults;

  bool HasFault(std::string_view kind) const;
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
