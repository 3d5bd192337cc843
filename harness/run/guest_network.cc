#include "guest_network.h"

#include <fmt/format.h>

#include <stdexcept>

namespace bootstorm {

namespace {

bool IsSubnetClash(const std::string& libvirt_error) {
  return libvirt_error.find("in use") != std::string::npos;
}

}  // namespace

RunNetwork CreateRunNetwork(Hypervisor& hv, std::string_view run_id,
                            const RunNetworkOptions& options) {
  std::string last_error;
  for (int slot = 0; slot < kSubnetSlots; ++slot) {
    RunNetwork net = MakeRunNetwork(run_id, slot, options);
    try {
      hv.CreateNetwork(net);
      return net;
    } catch (const std::exception& e) {
      last_error = e.what();
      if (!IsSubnetClash(last_error)) break;  // not a clash: give up
    }
  }
  throw std::runtime_error("creating the run network: " + last_error);
}

RunNetwork CreateRunNetworkInSlot(Hypervisor& hv, std::string_view run_id, int slot,
                                  const RunNetworkOptions& options) {
  RunNetwork net = MakeRunNetwork(run_id, slot, options);
  try {
    hv.CreateNetwork(net);
    return net;
  } catch (const std::exception& e) {
    std::string why = fmt::format(
        "creating the run network in {}.0/{}, the subnet the run's guests were given: {}",
        net.subnet, net.prefix, e.what());
    if (IsSubnetClash(e.what()))
      throw SubnetInUseError(why + " (another network holds it; resume once it is gone)");
    throw std::runtime_error(why);
  }
}

}  // namespace bootstorm
