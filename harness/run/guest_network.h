// The isolated network of a run on a hypervisor: its creation in a free
// subnet slot (the network's plan: run_network.h).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "hypervisor.h"
#include "run_network.h"

namespace bootstorm {

/// Creates the network of `run_id` on `hv` in the first subnet slot that no
/// other network holds (libvirt refuses a subnet in use, so concurrent runs
/// each get their own). Throws std::runtime_error with the last refusal.
RunNetwork CreateRunNetwork(Hypervisor& hv, std::string_view run_id,
                            const RunNetworkOptions& options = {});
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
                                  const RunNetworkOptions& options = {});

}  // namespace bootstorm
