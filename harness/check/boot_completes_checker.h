// boot-completes: every agent stage ran. The final and end checkpoints
// arrived; the end's timeline shows the early, local and network units
// active and the final unit started (it is still running while it sends
// `end`); and no agent unit failed.
#pragma once

#include "checker.h"

namespace bootstorm {

class BootCompletesChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
};

}  // namespace bootstorm
