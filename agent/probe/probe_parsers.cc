#include "probe_parsers.h"

#include <deque>
#include <sstream>
#include <stdexcept>

#include "strict_json.h"

namespace bootstorm {
namespace {

std::string StringOr(const nlohmann::json& object, const char* key, std::string fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

std::vector<DeviceState> ParseIpAddrJson(std::string_view text) {
  nlohmann::json interfaces = ParseJsonText(text, "ip -j addr");
  if (!interfaces.is_array()) throw std::invalid_argument("ip -j addr: expected an array");
  std::vector<DeviceState> devices;
  for (const nlohmann::json& interface : interfaces) {
    if (!interface.is_object()) continue;
    DeviceState device;
    device.name = StringOr(interface, "ifname", "");
    if (device.name.empty() || device.name == "lo" ||
        StringOr(interface, "link_type", "") == "loopback")
      continue;
    device.mac = StringOr(interface, "address", "");
    auto addresses = interface.find("addr_info");
    if (addresses != interface.end() && addresses->is_array()) {
      for (const nlohmann::json& a : *addresses) {
        if (!a.is_object() || !a.contains("prefixlen") || !a["prefixlen"].is_number_integer())
          continue;
        std::string cidr =
            StringOr(a, "local", "") + "/" + std::to_string(a["prefixlen"].get<int>());
        std::string family = StringOr(a, "family", "");
        if (family == "inet")
          device.ipv4.push_back(cidr);
        else if (family == "inet6" && StringOr(a, "scope", "") == "global")
          device.ipv6.push_back(cidr);
      }
    }
    devices.push_back(std::move(device));
  }
  return devices;
}

std::vector<std::string> LastLines(std::string_view text, std::size_t max_lines,
                                   std::size_t max_bytes) {
  std::deque<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    lines.push_back(line.substr(0, max_bytes));
    if (lines.size() > max_lines) lines.pop_front();
  }
  return {lines.begin(), lines.end()};
}

}  // namespace bootstorm
