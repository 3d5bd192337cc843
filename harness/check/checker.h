// Checkers (Jepsen's split: checkers are pure). Each turns the observations
// of one boot into a verdict on one invariant of BACKGROUND.md, with expected
// and actual values a person can compare.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "history.h"
#include "observation.h"
#include "resolv_conf.h"
#include "run_record.h"

namespace bootstorm {

/// The addresses one family of an interface must have.
struct ExpectedAddress {
  /// false: not checked (the family is off, or left to NetworkManager).
  bool checked = false;
  /// The exact address ("198.51.100.10/24", "2001:db8:0:0::1:0:0/64"); ""
  /// when any lease inside `subnet_cidr` will do (DHCP).
  std::string static_cidr;
  std::string subnet_cidr;  ///< e.g. 198.51.100.0/24 or 2001:db8:0:0::/64
  bool operator==(const ExpectedAddress&) const = default;
};

/// An interface the guest must bring up, as the harness configured it.
struct ExpectedInterface {
  std::string mac;
  ExpectedAddress ipv4;
  ExpectedAddress ipv6;
};

/// What the harness expects of one boot.
struct BootExpectation {
  int boot = 1;
  /// What resolv.conf must hold: the scenario's DNS when the agent or
  /// cloud-init renders the network; otherwise what NetworkManager got from DHCP.
  DnsConfig dns;
  std::vector<ExpectedInterface> interfaces;
  /// False with activator none: NetworkManager owns DNS and the interfaces,
  /// and nothing may reload or restart it for the agent; and with cloud-init.
  bool agent_manages_network = true;
  /// The SUT is the image's cloud-init (activator cloud-init): it renders
  /// the config drive's network for NetworkManager, which owns resolv.conf:
  /// the scenario's name servers and search domains must be in it from the
  /// network stage on (others, e.g. a DHCP lease's, may be there too); at
  /// most one reload or restart of NetworkManager, by a cloud-init unit.
  bool sut_is_cloud_init = false;
  /// The plan makes the configuration miss the renderer path: NetworkManager
  /// started before the local stage rendered (fault nm-before-local or
  /// local-after-online), or the config drive is hot-plugged after it
  /// (late-config), so the network stage must activate it.
  bool renderer_path_missed = false;
  /// This boot's interrupted part (faults shutdown, power-cut) got past the
  /// agent's local stage, so the recovery boot's early checkpoint must
  /// already see the agent's resolv.conf, as in a later boot.
  bool interrupted_after_render = false;
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string_view name() const = 0;
  /// `observations` are in arrival order; the runner has already made sure
  /// the boot completed (the `end` checkpoint arrived).
  virtual CheckResult Check(const BootExpectation& expected,
                            const std::vector<Observation>& observations) const = 0;
  /// The verdict with the boot's event history as well (boot_history.h:
  /// the observer's events and the checkpoints as markers; empty when the
  /// guest sent none). By default the checkpoints' verdict; a checker whose
  /// invariant can break between two checkpoints looks at the whole history.
  virtual CheckResult CheckHistory(const BootExpectation& expected,
                                   const std::vector<Observation>& observations,
                                   const std::vector<HistoryEvent>& /*history*/) const {
    return Check(expected, observations);
  }
  /// Whether CheckHistory's pass rests on the history being complete: then
  /// a history with lost events makes a pass unknown (EvaluateBoot).
  virtual bool ReadsHistory() const { return false; }
  /// Whether Check also gets the observations of a boot's interrupted part
  /// (Observation::part), before the recovery boot's. Most invariants are
  /// about a boot that ran to its end: the recovery boot alone.
  virtual bool ChecksInterruptedPart() const { return false; }
};

/// The checkers for invariant names; throws std::invalid_argument for an
/// unknown name (scenario validation prevents that).
std::vector<std::unique_ptr<Checker>> MakeCheckers(const std::vector<std::string>& names);

}  // namespace bootstorm
