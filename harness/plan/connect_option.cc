#include "connect_option.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "exit_code.h"

namespace bootstorm {
namespace {

[[noreturn]] void Refuse(std::string_view value, std::string_view why) {
  throw BadInput(fmt::format("--connect \"{}\": {}", value, why));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// libvirt URIs start with "DRIVER[+TRANSPORT]://"; anything else (a host
/// name, a typo) is refused here rather than by libvirt after the run
/// folder exists.
bool HasScheme(std::string_view uri) {
  std::size_t colon = uri.find("://");
  if (colon == 0 || colon == std::string_view::npos) return false;
  return std::all_of(uri.begin(), uri.begin() + colon, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+';
  });
}

}  // namespace

HostSpec ParseConnectOption(std::string_view value) {
  HostSpec host;
  std::size_t comma = value.rfind(',');
  host.uri = std::string(value.substr(0, comma));
  if (comma != std::string_view::npos) {
    std::string_view weight = value.substr(comma + 1);
    if (!AllDigits(weight))
      Refuse(value, fmt::format("the weight after the last comma must be an integer from 1 to {} "
                                "(a URI with a comma needs an explicit weight: URI,1)",
                                kMaxHostWeight));
    auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), host.weight);
    if (ec != std::errc() || host.weight < 1 || host.weight > kMaxHostWeight)
      Refuse(value, fmt::format("weight {} is not from 1 to {}", weight, kMaxHostWeight));
  }
  if (host.uri.empty()) Refuse(value, "empty URI");
  if (!HasScheme(host.uri))
    Refuse(value, "not a libvirt URI (DRIVER[+TRANSPORT]://[HOST]/PATH, e.g. qemu:///system)");
  return host;
}

std::vector<HostSpec> ParseConnectOptions(const std::vector<std::string>& values,
                                          const std::string& fallback_uri) {
  if (values.empty()) return {HostSpec{fallback_uri, 1}};
  std::vector<HostSpec> hosts;
  for (const std::string& value : values) {
    HostSpec host = ParseConnectOption(value);
    if (std::any_of(hosts.begin(), hosts.end(),
                    [&](const HostSpec& h) { return h.uri == host.uri; }))
      Refuse(value, "this URI is given twice (give each host once; a weight sets its share)");
    hosts.push_back(std::move(host));
  }
  return hosts;
}

}  // namespace bootstorm
