// resolv-conf-intact: at every checkpoint (early in a later boot, after the
// network stage, after the final stage, after a DNS event) /etc/resolv.conf
// holds the name servers and search domains the agent rendered.
#pragma once

#include "checker.h"

namespace bootstorm {

class ResolvConfChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
};

}  // namespace bootstorm
