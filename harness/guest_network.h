// The isolated network of a run and each VM's place on it, and the config
// drive contents that describe it to the guest.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "hypervisor.h"
#include "network_data.h"
#include "scenario.h"

namespace bootstorm {

/// An isolated libvirt network (no forward mode: traffic stays on the host),
/// a /24 in which the host is .1, static guests .10 + vm and DHCP hands out
/// .100 to .254.
struct RunNetwork {
  std::string name;     ///< libvirt network name, carries the run id
  std::string bridge;   ///< at most 15 characters (kernel limit)
  std::string subnet;   ///< first three octets, e.g. "198.51.100"
  std::string gateway;  ///< <subnet>.1, also DHCP's DNS server
  int prefix = 24;
  int slot = 0;  ///< see MakeRunNetwork
  /// DHCP renewal time (T1) handed out, in seconds; 0: dnsmasq's default,
  /// half the lease (one hour).
  int dhcp_renewal_seconds = 0;
};

/// T1 of a run whose scenario has fault dhcp-renew: NetworkManager's DHCP
/// client renews its lease this often, so a renewal follows the final stage
/// soon (the lease itself is dnsmasq's minimum, two minutes).
inline constexpr int kShortDhcpRenewalSeconds = 10;
/// kShortDhcpRenewalSeconds when a fault of `scenario` is dhcp-renew, else 0.
int DhcpRenewalSecondsFor(const Scenario& scenario);

/// Static addresses are .10 + vm; this many VMs fit before DHCP's range.
inline constexpr int kMaxStaticVms = 90;
/// Subnets a run may take, so that concurrent runs on one host do not clash.
inline constexpr int kSubnetSlots = 257;

/// The network of `run_id` in subnet slot `slot`: slot 0 is the documentation
/// range 198.51.100.0/24, slots 1.. are 198.18.(slot-1).0/24 (RFC 2544's
/// benchmarking range, also never routed).
RunNetwork MakeRunNetwork(std::string_view run_id, int slot = 0);
/// libvirt network XML for `net`.
std::string RunNetworkXml(const RunNetwork& net);
/// Creates the network of `run_id` on `hv` in the first subnet slot that no
/// other network holds (libvirt refuses a subnet in use, so concurrent runs
/// each get their own). Throws std::runtime_error with the last refusal.
/// `dhcp_renewal_seconds` as in RunNetwork.
RunNetwork CreateRunNetwork(Hypervisor& hv, std::string_view run_id, int dhcp_renewal_seconds = 0);
/// CreateRunNetworkInSlot's error when another network holds the subnet:
/// unlike other failures, one that passes once that network is gone.
class SubnetInUseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
/// Creates the network of `run_id` in subnet slot `slot` only (a resumed
/// run's guests know their subnet). Throws SubnetInUseError when another
/// network holds the subnet, std::runtime_error saying why on other errors.
RunNetwork CreateRunNetworkInSlot(Hypervisor& hv, std::string_view run_id, int slot,
                                  int dhcp_renewal_seconds = 0);

/// A locally administered MAC unique per (run, vm): 52:54:00 + 3 bytes.
std::string VmMac(std::string_view run_id, int vm);
/// "<subnet>.N" for static addressing; throws std::out_of_range past kMaxStaticVms.
std::string VmStaticAddress(const RunNetwork& net, int vm);

/// network_data.json for one VM of a scenario.
NetworkData BuildNetworkData(const Scenario& scenario, const RunNetwork& net, std::string_view mac,
                             int vm);
MetaData BuildMetaData(std::string_view run_id, int vm);

}  // namespace bootstorm
