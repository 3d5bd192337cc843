// The isolated network of a run and each VM's place on it, and the config
// drive contents that describe it to the guest.
#pragma once

#include <string>
#include <string_view>

#include "network_data.h"
#include "scenario.h"

namespace bootstorm {

/// An isolated libvirt network (no forward mode: traffic stays on the host).
/// Documentation range 198.51.100.0/24 (ENVIRONMENT.md).
struct RunNetwork {
  std::string name;    ///< libvirt network name, carries the run id
  std::string bridge;  ///< at most 15 characters (kernel limit)
  std::string gateway = "198.51.100.1";
  int prefix = 24;
  std::string dhcp_start = "198.51.100.100";
  std::string dhcp_end = "198.51.100.254";
};

/// Static addresses are 198.51.100.10 + vm; this many VMs fit before DHCP's range.
inline constexpr int kMaxStaticVms = 90;

RunNetwork MakeRunNetwork(std::string_view run_id);
/// libvirt network XML for `net`.
std::string RunNetworkXml(const RunNetwork& net);

/// A locally administered MAC unique per (run, vm): 52:54:00 + 3 bytes.
std::string VmMac(std::string_view run_id, int vm);
/// "198.51.100.N" for static addressing; throws std::out_of_range past kMaxStaticVms.
std::string VmStaticAddress(int vm);

/// network_data.json for one VM of a scenario.
NetworkData BuildNetworkData(const Scenario& scenario, const RunNetwork& net, std::string_view mac,
                             int vm);
MetaData BuildMetaData(std::string_view run_id, int vm);

}  // namespace bootstorm
