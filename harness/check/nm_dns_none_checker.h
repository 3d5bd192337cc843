// nm-dns-none: when the agent manages DNS, NetworkManager's DnsManager mode is
// `none` after the final stage and after DNS events, so NM keeps its hands
// off resolv.conf. At after-network it may not be exported yet (NM still
// starting, on the renderer path): an empty mode passes there, any other
// than `none` fails. Without the agent (activator none) NM must own DNS: a
// known mode other than `none` from the final stage on.
#pragma once

#include "checker.h"

namespace bootstorm {

class NmDnsNoneChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
};

}  // namespace bootstorm
