// interfaces-up: at the end of the boot each expected interface is connected
// in NetworkManager with the expected addresses of each checked family (the
// static one, or a DHCP lease inside the run's subnet).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "checker.h"

namespace bootstorm {

class InterfacesUpChecker : public Checker {
 public:
  std::string_view name() const override;
  CheckResult Check(const BootExpectation& expected,
                    const std::vector<Observation>& observations) const override;
};

/// True when `address_cidr` lies within `subnet_cidr`, both of one family
/// ("a.b.c.d/n" or "x:y::z/n"; a missing prefix means the whole address).
bool AddressInSubnet(std::string_view address_cidr, std::string_view subnet_cidr);

}  // namespace bootstorm
