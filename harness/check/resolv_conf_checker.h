// resolv-conf-intact: at every checkpoint (early in a later boot, after the
// network stage, after the final stage, after a DNS event) /etc/resolv.conf
// holds the name servers and search domains the agent rendered; with the
// boot's event history, also at every change from the moment the SUT first
// rendered them to the end checkpoint, and a failure names who wrote it.
#pragma once

#include "checker.h"

namespace bootstorm {

class ResolvConfChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
  CheckResult CheckHistory(const BootExpectation& expected,
                           const std::vector<Observation>& observations,
                           const std::vector<HistoryEvent>& history) const override;
  bool ReadsHistory() const override { return true; }
};

}  // namespace bootstorm
