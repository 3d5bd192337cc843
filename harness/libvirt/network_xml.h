// libvirt network XML for a run network (run_network.h): isolated, DHCP
// (and DHCPv6 with IPv6), the ownership mark of its run.
#pragma once

#include <string>

#include "run_network.h"

namespace bootstorm {

/// The transient network `net`, as virNetworkCreateXML takes it. Throws
/// std::invalid_argument when net.run_id is not a run id (its ownership mark).
std::string RunNetworkXml(const RunNetwork& net);

}  // namespace bootstorm
