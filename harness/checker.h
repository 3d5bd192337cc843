// Checkers (Jepsen's split: checkers are pure). Each turns the observations
// of one boot into a verdict on one invariant of BACKGROUND.md, with expected
// and actual values a person can compare.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "observation.h"
#include "resolv_conf.h"
#include "run_record.h"

namespace bootstorm {

/// An interface the guest must bring up, as the harness configured it.
struct ExpectedInterface {
  std::string mac;
  bool dhcp = true;
  std::string static_cidr;  ///< e.g. 198.51.100.10/24 when !dhcp
  std::string subnet_cidr;  ///< e.g. 198.51.100.0/24: where a DHCP lease must lie
};

/// What the harness expects of one boot.
struct BootExpectation {
  int boot = 1;
  /// What resolv.conf must hold: the scenario's DNS when the agent manages
  /// the network; otherwise what NetworkManager got from DHCP.
  DnsConfig dns;
  std::vector<ExpectedInterface> interfaces;
  /// False with activator none: NetworkManager owns DNS and the interfaces,
  /// and nothing may reload or restart it for the agent.
  bool agent_manages_network = true;
  /// The plan started NetworkManager before the agent's local stage (fault
  /// nm-before-local) or hot-plugs the config drive after it (late-config):
  /// the configuration misses the renderer path, and the network stage must
  /// activate it.
  bool nm_before_local = false;
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string_view name() const = 0;
  /// `observations` are in arrival order; the runner has already made sure
  /// the boot completed (the `end` checkpoint arrived).
  virtual CheckResult Check(const BootExpectation& expected,
                            const std::vector<Observation>& observations) const = 0;
};

/// The checkers for invariant names; throws std::invalid_argument for an
/// unknown name (scenario validation prevents that).
std::vector<std::unique_ptr<Checker>> MakeCheckers(const std::vector<std::string>& names);

}  // namespace bootstorm
