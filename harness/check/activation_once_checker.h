// activation-once: NetworkManager is reloaded or restarted only by the
// network stage, at most once per boot, only when the configuration missed
// the renderer path (the plan started NM before the local stage rendered),
// and never when the agent does not manage the network; and a connection the
// SUT activates (up to the final checkpoint: the DNS events after it are the
// harness's) comes after such a reload or restart by the SUT, the
// activator's contract since PR #5620 (NM re-reads what was written). The
// evidence is the journal's NM jobs and the SUT unit that was starting at
// each (Observation::nm_reloads), as of the boot's last observation, and
// NM's audit lines of activations (Observation::nm_activations). Jobs that a
// guest-side fault caused (inside the window of an nm-kill or nm-restart
// fault event, Observation::faults) are listed but not counted. With the
// boot's event history, the evidence for reloads is the history's systemd
// jobs instead (NmReloadsFromHistory), which the observer saw as they were
// queued. With cloud-init as the SUT its units (cloud-*) are the SUT's.
#pragma once

#include <optional>

#include "checker.h"

namespace bootstorm {

/// NetworkManager's reloads and restarts in a boot's event history: its
/// systemd jobs queued after its first start (a reload counts when its job
/// finished `done`; a stop is a restart when a start job follows), each with
/// the system under test's unit (bootstorm-*, cloud-*) that was activating
/// when the job was queued, the latest to start when several were; up to
/// the `end` checkpoint (the shutdown's stop is none of them). nullopt
/// when the history holds no systemd events (no observer, or it could not
/// watch systemd).
std::optional<std::vector<NmReload>> NmReloadsFromHistory(const std::vector<HistoryEvent>& history);

class ActivationOnceChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
  CheckResult CheckHistory(const BootExpectation& expected,
                           const std::vector<Observation>& observations,
                           const std::vector<HistoryEvent>& history) const override;
  bool ReadsHistory() const override { return true; }

 private:
  CheckResult Judge(const BootExpectation& expected, const std::vector<Observation>& observations,
                    const std::vector<NmReload>* reloads) const;
};

}  // namespace bootstorm
