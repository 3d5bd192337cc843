// SHA-256 (FIPS 180-4), so the observer hashes resolv.conf without a crypto
// library in the guest.
#pragma once

#include <string>
#include <string_view>

namespace bootstorm {

/// The SHA-256 digest of `data`, as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace bootstorm
