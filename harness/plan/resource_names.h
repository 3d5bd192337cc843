// The names bootstorm gives what it creates on a hypervisor.
#pragma once

#include <string_view>

namespace bootstorm {

/// Prefix of every name bootstorm gives a domain, volume or network.
inline constexpr std::string_view kResourcePrefix = "bootstorm-";

}  // namespace bootstorm
