#include "probe_parsers.h"

#include <charconv>
#include <deque>
#include <sstream>
#include <stdexcept>

#include "strict_json.h"

namespace bootstorm {
namespace {

// Splits one terse nmcli line at unescaped colons, removing the escapes.
std::vector<std::string> SplitTerseLine(std::string_view line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      fields.back() += line[++i];
    } else if (line[i] == ':') {
      fields.emplace_back();
    } else {
      fields.back() += line[i];
    }
  }
  return fields;
}

// The lines of terse nmcli output with exactly `columns` fields and a
// non-empty first one.
std::vector<std::vector<std::string>> TerseRecords(std::string_view text, std::size_t columns) {
  std::vector<std::vector<std::string>> records;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> fields = SplitTerseLine(line);
    if (fields.size() == columns && !fields[0].empty()) records.push_back(std::move(fields));
  }
  return records;
}

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

std::map<std::string, std::string> ParseNmcliDeviceStates(std::string_view text) {
  std::map<std::string, std::string> states;
  for (const std::vector<std::string>& fields : TerseRecords(text, 2))
    states[fields[0]] = fields[1];
  return states;
}

std::vector<std::string> ParseActiveEthernetUuids(std::string_view text) {
  std::vector<std::string> uuids;
  for (const std::vector<std::string>& fields : TerseRecords(text, 2)) {
    if (fields[1] == "802-3-ethernet") uuids.push_back(fields[0]);
  }
  return uuids;
}

std::optional<long long> ParseDhcp4Expiry(std::string_view text) {
  constexpr std::string_view kKey = ":expiry = ";
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    std::size_t at = line.find(kKey);
    if (!line.starts_with("DHCP4.OPTION") || at == std::string::npos) continue;
    std::string_view number = std::string_view(line).substr(at + kKey.size());
    long long value = 0;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error == std::errc() && end == number.data() + number.size() && value > 0) return value;
  }
  return std::nullopt;
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
