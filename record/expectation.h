// A run's verdict against what its scenario expects (`expect`): "pass"
// scenarios must pass; "detect" scenarios run a known-bad activator that at
// least one invariant must catch. The one place reports and the harness
// judge an expectation. Pure.
#pragma once

#include <string>
#include <vector>

#include "exit_code.h"
#include "run_record.h"

namespace bootstorm {

/// kUndecided: infra errors hid VMs and what ran neither met nor broke it.
enum class ExpectationStatus { kMet, kNotMet, kUndecided };

/// From the per-VM summary. A SUT failure decides: not met for pass, met
/// for detect (the activator was caught). Otherwise infra errors or an
/// interruption (SIGINT, SIGTERM, --timeout) leave it undecided; else pass
/// is met and detect is not.
ExpectationStatus ExpectationStatusOf(Expect expect, const RunSummary& summary,
                                      bool interrupted = false);

/// The exit code of every command that judges runs (docs/EXIT_CODES.md):
/// kPass met, kSutFailure not met, kInfra undecided.
ExitCode ExitCodeOf(ExpectationStatus status);

struct ExpectationVerdict {
  bool detect = false;
  ExpectationStatus status = ExpectationStatus::kUndecided;
  /// The invariants that failed, in order of first failure: for a detect
  /// run what caught the activator, for a pass run what broke.
  std::vector<std::string> caught_by = {};
  RunSummary vms = {};  ///< per VM, as Summarize
  bool met() const { return status == ExpectationStatus::kMet; }
};

/// `run` judged against its own `expect`.
ExpectationVerdict JudgeExpectation(const RunRecord& run);

/// ExitCodeOf a recorded run judged against its own `expect`.
ExitCode ExitCodeOf(const RunRecord& run);

/// What a run's summary line adds, plainly: "" when `run` expects a pass;
/// for a detection whether the known-bad activator was caught and by which
/// invariants, e.g. "expected a detection: caught by resolv-conf-intact,
/// nm-dns-none".
std::string ExpectationNote(const RunRecord& run);

/// One line that leads a report, e.g. "expectation met: known-bad activator
/// caught by resolv-conf-intact in 2/2 VMs" or "expectation NOT met: SUT
/// failures in 1/3 VMs (nm-dns-none)".
std::string DescribeExpectation(const ExpectationVerdict& v);

}  // namespace bootstorm
