// A scenario: what a run boots, which activator and faults it uses, and what
// it checks. Loaded from a JSON file in scenarios/ and validated strictly.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "boot_plan.h"
#include "exit_code.h"
#include "expect.h"
#include "resolv_conf.h"

namespace bootstorm {

/// Invariant names (BACKGROUND.md) the harness can check.
inline constexpr std::string_view kCheckResolvConfIntact = "resolv-conf-intact";
inline constexpr std::string_view kCheckInterfacesUp = "interfaces-up";
inline constexpr std::string_view kCheckNmDnsNone = "nm-dns-none";
inline constexpr std::string_view kCheckActivationOnce = "activation-once";
inline constexpr std::string_view kCheckBootCompletes = "boot-completes";
inline constexpr std::string_view kCheckAtomicWrite = "atomic-write";
/// Every check above, in report order; a scenario without "checks" runs all.
inline constexpr std::array<std::string_view, 6> kAllChecks = {
    kCheckResolvConfIntact, kCheckInterfacesUp,  kCheckNmDnsNone,
    kCheckActivationOnce,   kCheckBootCompletes, kCheckAtomicWrite};

/// A fault requested by a scenario, drawn per boot with `probability`. The
/// parameters its kind takes (FaultKind) are given here; `ms` as a range from
/// which each boot draws uniformly.
struct FaultSpec {
  std::string kind;
  double probability = 1.0;
  std::string unit = {};
  int ms_min = 0;
  int ms_max = 0;
  int percent = 0;
};

/// How one address family of a NIC is configured.
enum class AddressMode {
  kOff,     ///< not configured
  kDhcp,    ///< DHCPv4 or stateful DHCPv6 from the run network's dnsmasq
  kStatic,  ///< an address the harness assigns, written on the config drive
};
std::string_view AddressModeName(AddressMode m);

/// One NIC of the guest; all NICs sit on the run's isolated network.
struct NicSpec {
  AddressMode ipv4 = AddressMode::kDhcp;
  AddressMode ipv6 = AddressMode::kOff;
  /// False: the config drive does not describe the NIC, so the agent leaves
  /// it to NetworkManager's default connection (DHCPv4), which it must keep.
  bool managed = true;
  bool operator==(const NicSpec&) const = default;
};

/// NICs per guest; the MAC layout (guest_network.h) has room for this many.
inline constexpr int kMaxNics = 4;

/// The guest's network as the config drive describes it.
struct NetworkSpec {
  std::vector<NicSpec> nics{NicSpec{}};  ///< 1..kMaxNics, in PCI order
  DnsConfig dns;
  bool UsesIpv6() const;
  bool UsesStaticIpv4() const;
};

struct Scenario {
  std::string name;
  std::string description;
  std::filesystem::path source;  ///< file it came from, for messages
  int vms = 1;
  int boots = 2;
  std::uint64_t seed = 1;
  Activator activator = Activator::kReference;
  Expect expect = Expect::kPass;
  NetworkSpec network;
  std::vector<FaultSpec> faults;
  std::vector<std::string> checks;  ///< invariant names; all known ones by default
  /// The config drive's user data (`openstack/latest/user_data`), written
  /// as given; "" for none. Only cloud-init reads it (activator cloud-init).
  std::string user_data;
  int boot_timeout_seconds = 600;  ///< create domain to the agent's `end`
  int shutdown_timeout_seconds = 120;
  int memory_mib = 256;  ///< enough for the trimmed guest (docs/PERFORMANCE.md)
  int vcpus = 1;
};

/// Nova's limit on an instance's user data.
inline constexpr std::size_t kMaxUserDataBytes = 65535;

/// Bad scenario: the message names the file and the JSON path.
class ScenarioError : public BadInput {
 public:
  using BadInput::BadInput;
};

/// Parses and validates scenario text; `source` names it in errors.
Scenario ParseScenario(std::string_view text, const std::filesystem::path& source);
/// The text of a scenario file (at most kMaxScenarioBytes); throws
/// FileReadError naming it when unreadable or not a regular file.
std::string ReadScenarioText(const std::filesystem::path& path);

}  // namespace bootstorm
