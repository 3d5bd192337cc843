// The hypervisor hosts of a run: repeatable `--connect URI[,WEIGHT]`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exit_code.h"

namespace bootstorm {

inline constexpr int kMaxHostWeight = 1000;

/// One libvirt connection and its share of the VMs.
struct HostSpec {
  std::string uri;
  int weight = 1;
  bool operator==(const HostSpec&) const = default;
};

/// Parses one `--connect` value, "URI" or "URI,WEIGHT" (URI: DRIVER[+TRANSPORT]://...) with WEIGHT
/// an integer from 1 to kMaxHostWeight (default 1). The value splits at its last comma when all
/// that follows is digits; any other comma is refused, so a URI that contains one must be given
/// with its weight ("URI,1"). Throws BadInput naming --connect and the value.
HostSpec ParseConnectOption(std::string_view value);

/// The hosts of a run from all `--connect` values, in order; one host with
/// `fallback_uri` and weight 1 when there are none. A URI given twice is an
/// error (its names would clash): BadInput naming --connect.
std::vector<HostSpec> ParseConnectOptions(const std::vector<std::string>& values,
                                          const std::string& fallback_uri);

}  // namespace bootstorm
