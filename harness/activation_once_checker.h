// activation-once: NetworkManager is reloaded or restarted only by the
// network stage, at most once per boot, only when the configuration missed
// the renderer path (the plan started NM before the local stage rendered),
// and never when the agent does not manage the network. The evidence is the
// journal's NM jobs and the agent unit that was starting at each
// (Observation::nm_reloads), as of the boot's last observation. Jobs that a
// guest-side fault caused (inside the window of an nm-kill or nm-restart
// fault event, Observation::faults) are listed but not counted.
#pragma once

#include "checker.h"

namespace bootstorm {

class ActivationOnceChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
};

}  // namespace bootstorm
