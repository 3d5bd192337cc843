#include "nmcli_output.h"

#include <charconv>
#include <sstream>

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

}  // namespace

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

}  // namespace bootstorm
