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

/// Fault kinds understood by the guest.
inline constexpr std::string_view kFaultNmBeforeLocal = "nm-before-local";
/// After the final stage: `nmcli connection up` again, then probe (a DNS event).
inline constexpr std::string_view kFaultConnectionReup = "connection-reup";
/// Before unit `unit` starts (an agent stage, NetworkManager.service or
/// dbus.service), the guest waits `ms` milliseconds.
inline constexpr std::string_view kFaultDelay = "delay";
/// The units a `delay` may name: the agent's stages, NetworkManager, dbus and
/// cloud-init's stages.
inline constexpr auto kDelayableUnits =
    JoinUnits(std::array<std::string_view, 6>{kUnitEarly, kUnitLocal, kUnitNetwork, kUnitFinal,
                                              kUnitNetworkManager, kUnitDbus},
              kCloudInitUnits);
/// The local stage runs after network-online.target: NetworkManager has
/// activated a connection before the configuration is rendered (activator path).
inline constexpr std::string_view kFaultLocalAfterOnline = "local-after-online";
/// The network stage is not ordered after NetworkManager.service: it may start
/// while NetworkManager is still starting.
inline constexpr std::string_view kFaultNetworkBeforeNm = "network-before-nm";
/// In the network stage, between the first and second activation step (or
/// where activation would begin, when there is none): NetworkManager's main
/// process is SIGKILLed (its unit restarts it on failure), or NetworkManager
/// is restarted with `systemctl restart`.
inline constexpr std::string_view kFaultNmKill = "nm-kill";
inline constexpr std::string_view kFaultNmRestart = "nm-restart";
/// Harness self-tests, a hostile guest: at the after-network checkpoint the
/// probe sends lines of garbage, or one line of 100 MiB, instead of JSON.
inline constexpr std::string_view kFaultProbeGarbage = "probe-garbage";
inline constexpr std::string_view kFaultProbeHugeLine = "probe-huge-line";
/// Harness self-test, a transient rewrite: between the after-network and final
/// checkpoints the guest replaces resolv.conf by NetworkManager's kind of file
/// (rename over it) and puts the original back `ms` later. Every checkpoint
/// sees the right file; only the event history shows the rewrite.
inline constexpr std::string_view kFaultResolvConfBlip = "resolv-conf-blip";
/// Harness self-test, a broken plan: the generator adds a unit ordered both
/// before and after bootstorm-early.service, an ordering cycle that systemd
/// breaks by deleting a job. The harness must call the boot an infra error
/// naming the cycle, never judge it.
inline constexpr std::string_view kFaultOrderingCycle = "ordering-cycle";
/// A graceful shutdown as unit `unit` starts (the generator gives it an
/// ExecStartPre that requests poweroff), then a recovery boot on that disk.
inline constexpr std::string_view kFaultShutdown = "shutdown";
/// A hard power cut (the host destroys the domain) `ms` after the domain
/// started, then a recovery boot on that disk.
inline constexpr std::string_view kFaultPowerCut = "power-cut";
/// Host-side faults, applied by the harness through libvirt (harness/run/host_faults.h);
/// the guest learns of them from the plan so it can wait for their effect.
/// The config drive is hot-plugged `ms` after the domain started: the
/// configuration arrives after NetworkManager (the activator path).
inline constexpr std::string_view kFaultLateConfig = "late-config";
/// After the final checkpoint the NIC's link goes down for `ms`, then up.
inline constexpr std::string_view kFaultLinkFlap = "link-flap";
/// After the final checkpoint the guest waits for a DHCP renewal (the run
/// network hands out short renewal times).
inline constexpr std::string_view kFaultDhcpRenew = "dhcp-renew";
/// From domain start the vCPUs get `percent` of one host CPU, for `ms`.
inline constexpr std::string_view kFaultCpuStarve = "cpu-starve";

/// Which parameters a fault kind takes. Plans carry drawn values; scenarios
/// give a unit name and ranges from which each boot's plan draws them.
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
};

/// Whether `unit` is one that fault `kind` may name.
bool FaultUnitAllowed(const FaultKind& kind, std::string_view unit);
/// The error message for a unit FaultUnitAllowed rejects, listing the allowed ones.
std::string FaultUnitError(const FaultKind& kind, std::string_view unit);

/// The catalog entry of fault `kind`; nullptr when the guest and harness do
/// not know it.
const FaultKind* FindFaultKind(std::string_view kind);
/// Whether the guest understands fault `kind`.
bool IsKnownFault(std::string_view kind);
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
