// The isolated network of a run and each VM's place on it (subnet,
// addresses, MACs), and the config drive contents that describe it to the
// guest. Pure: run/guest_network.h creates the network on a hypervisor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "network_data.h"
#include "scenario.h"

namespace bootstorm {

/// An isolated libvirt network (no forward mode: traffic stays on the host),
/// a /24 in which the host is .1, static addresses are .10 to .99 and DHCP
/// hands out .100 to .254. With IPv6, also a /64 in which the host is ::1,
/// static addresses are ::1:<vm>:<nic> and DHCPv6 hands out ::100 to ::1ff.
struct RunNetwork {
  std::string name;     ///< libvirt network name, carries the run id
  std::string run_id;   ///< the run that owns the network, in its ownership mark
  std::string bridge;   ///< at most 15 characters (kernel limit)
  std::string subnet;   ///< first three octets, e.g. "198.51.100"
  std::string gateway;  ///< <subnet>.1, also DHCP's DNS server
  int prefix = 24;
  int slot = 0;  ///< see MakeRunNetwork
  bool ipv6 = false;
  std::string ipv6_prefix;  ///< first four groups, e.g. "2001:db8:0:0" (a /64)
  /// DHCP renewal time (T1) handed out, in seconds; 0: dnsmasq's default,
  /// half the lease (one hour).
  int dhcp_renewal_seconds = 0;

  std::string Ipv4Cidr() const;     ///< e.g. 198.51.100.0/24
  std::string Ipv6Cidr() const;     ///< e.g. 2001:db8:0:0::/64
  std::string Ipv6Gateway() const;  ///< e.g. 2001:db8:0:0::1

  bool operator==(const RunNetwork&) const = default;
};

/// What a scenario asks of its run network beyond the defaults.
struct RunNetworkOptions {
  bool ipv6 = false;             ///< also an IPv6 /64 with DHCPv6
  int dhcp_renewal_seconds = 0;  ///< as in RunNetwork
};
/// T1 of a run whose scenario has fault dhcp-renew: NetworkManager's DHCP
/// client renews its lease this often, so a renewal follows the final stage
/// soon (the lease itself is dnsmasq's minimum, two minutes).
inline constexpr int kShortDhcpRenewalSeconds = 10;
/// The options `scenario` needs: IPv6 when a NIC uses it, short DHCP renewals
/// (kShortDhcpRenewalSeconds) when a fault is dhcp-renew.
RunNetworkOptions RunNetworkOptionsFor(const Scenario& scenario);

/// Static IPv4 addresses are .10 + (vm * NICs + nic); this many fit before
/// DHCP's range.
inline constexpr int kMaxStaticVms = 90;
/// Subnets a run may take, so that concurrent runs on one host do not clash.
inline constexpr int kSubnetSlots = 257;

/// The network of `run_id` in subnet slot `slot`: slot 0 is the documentation
/// range 198.51.100.0/24, slots 1.. are 198.18.(slot-1).0/24 (RFC 2544's
/// benchmarking range, also never routed); with `options.ipv6` also
/// 2001:db8:0:<slot>::/64 (the IPv6 documentation range).
RunNetwork MakeRunNetwork(std::string_view run_id, int slot = 0,
                          const RunNetworkOptions& options = {});
/// A MAC unique per (run, vm, nic) for vm < 16384 and nic < kMaxNics:
/// 52:54:00 + 3 bytes.
std::string VmMac(std::string_view run_id, int vm, int nic = 0);
/// The MACs of the NICs of VM `vm`, in NIC order.
std::vector<std::string> VmMacs(std::string_view run_id, int vm, int nics);
/// "<subnet>.N" for static IPv4 of NIC `nic` of `nics`; throws
/// std::out_of_range past kMaxStaticVms addresses.
std::string VmStaticAddress(const RunNetwork& net, int vm, int nic = 0, int nics = 1);
/// "<ipv6 prefix>::1:<vm>:<nic>" (hex) for static IPv6, in canonical form
/// (RFC 5952), e.g. "2001:db8::1:4:0".
std::string VmStaticIpv6(const RunNetwork& net, int vm, int nic);

/// network_data.json for one VM of a scenario: one link per managed NIC
/// (`macs` in NIC order), its IPv4 and IPv6 networks, the default routes on
/// the first NIC with a static address of each family.
NetworkData BuildNetworkData(const Scenario& scenario, const RunNetwork& net,
                             const std::vector<std::string>& macs, int vm);
MetaData BuildMetaData(std::string_view run_id, int vm);

}  // namespace bootstorm
