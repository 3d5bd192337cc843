// What the checks expect of one boot and their verdicts on its observations:
// the one evaluation path, shared by a live run (vm_runner.cc) and by
// `bootstorm recheck`, which judges a stored history again offline (Jepsen's
// split: run, then check). Pure.
#pragma once

#include <string>
#include <vector>

#include "boot_plan.h"
#include "checker.h"
#include "observation.h"
#include "run_network.h"
#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// What the checks expect of the boot `plan` describes, on the run network
/// `net` with the VM's NICs `macs`.
BootExpectation MakeExpectation(const Scenario& scenario, const RunNetwork& net,
                                const std::vector<std::string>& macs, const BootPlan& plan);

/// The verdict of each of the scenario's checks on a boot's `observations`
/// (all of them, the interrupted part's included, in arrival order): the
/// checkers that judge the interrupted part get every observation, the
/// others the recovery boot's. `history` is the recovery boot's event
/// history with its checkpoint markers (boot_history.h), empty when none.
/// A check that reads the history and passed is unknown when the observer
/// dropped events (LostHistoryEvents); a failure stays a failure.
std::vector<CheckResult> EvaluateBoot(const Scenario& scenario, const RunNetwork& net,
                                      const std::vector<std::string>& macs, const BootPlan& plan,
                                      const std::vector<Observation>& observations,
                                      const std::vector<HistoryEvent>& history);

/// systemd's lines about an ordering cycle in a boot's serial console
/// ("Found ordering cycle", "Job ... deleted to break ordering cycle"), in
/// order, at most kMaxOrderingCycleLines.
std::vector<std::string> OrderingCycleLines(std::string_view console);

/// Why the boot cannot be judged as the SUT's, or "": systemd broke an
/// ordering cycle (it deleted a job, so the boot did not run the units the
/// plan asked for), as its console (`console_cycles`, OrderingCycleLines) or
/// the guest's journal (the observations' ordering_cycles) says, the line
/// named; or no check in `checks` failed and some are unknown (the history
/// has a gap), those named. Such a boot is an infra error, never a SUT verdict.
std::string UnjudgeableBoot(const std::vector<Observation>& observations,
                            const std::vector<std::string>& console_cycles,
                            const std::vector<CheckResult>& checks);

}  // namespace bootstorm
