#include "interfaces_up_checker.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>

#include "scenario.h"

namespace bootstorm {
namespace {

struct Cidr {
  std::uint32_t address;
  int prefix;
};

std::optional<Cidr> ParseCidr(std::string_view text) {
  std::size_t slash = text.find('/');
  std::string address(text.substr(0, slash));
  int prefix = 32;
  if (slash != std::string_view::npos) {
    std::string p(text.substr(slash + 1));
    if (p.empty() || p.size() > 2 || !std::all_of(p.begin(), p.end(), ::isdigit))
      return std::nullopt;
    prefix = std::stoi(p);
    if (prefix > 32) return std::nullopt;
  }
  in_addr in{};
  if (inet_pton(AF_INET, address.c_str(), &in) != 1) return std::nullopt;
  return Cidr{ntohl(in.s_addr), prefix};
}

// The last observation that describes the end state of the boot.
const Observation* EndState(const std::vector<Observation>& observations) {
  const Observation* last = nullptr;
  for (const Observation& o : observations) {
    if (o.checkpoint == kCheckpointFinal || o.checkpoint == kCheckpointAfterDnsEvent) last = &o;
  }
  return last;
}

nlohmann::json Expected(const ExpectedInterface& i) {
  return {{"mac", i.mac},
          {"nm_state", "connected"},
          {"ipv4", i.dhcp ? "a lease in " + i.subnet_cidr : i.static_cidr}};
}

}  // namespace

bool Ipv4InSubnet(std::string_view address_cidr, std::string_view subnet_cidr) {
  auto a = ParseCidr(address_cidr);
  auto s = ParseCidr(subnet_cidr);
  if (!a || !s) return false;
  std::uint32_t mask = s->prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - s->prefix);
  return (a->address & mask) == (s->address & mask);
}

std::string_view InterfacesUpChecker::name() const { return kCheckInterfacesUp; }

CheckResult InterfacesUpChecker::Check(const BootExpectation& expected,
                                       const std::vector<Observation>& observations) const {
  CheckResult result{std::string(name()),     true, "", nlohmann::json::array(),
                     nlohmann::json::array(), ""};
  for (const ExpectedInterface& i : expected.interfaces) result.expected.push_back(Expected(i));
  const Observation* end = EndState(observations);
  if (!end) {
    result.passed = false;
    result.checkpoint = std::string(kCheckpointFinal);
    result.message = "no observation after the final stage";
    return result;
  }
  result.checkpoint = end->checkpoint;
  std::vector<std::string> problems;
  for (const ExpectedInterface& want : expected.interfaces) {
    auto it = std::find_if(end->devices.begin(), end->devices.end(),
                           [&](const DeviceState& d) { return d.mac == want.mac; });
    if (it == end->devices.end()) {
      problems.push_back(fmt::format("no interface with MAC {}", want.mac));
      result.actual.push_back(nullptr);
      continue;
    }
    result.actual.push_back(
        {{"name", it->name}, {"mac", it->mac}, {"nm_state", it->nm_state}, {"ipv4", it->ipv4}});
    if (it->nm_state != "connected")
      problems.push_back(fmt::format("{} is {} in NetworkManager", it->name, it->nm_state));
    bool address_ok = std::any_of(it->ipv4.begin(), it->ipv4.end(), [&](const std::string& a) {
      return want.dhcp ? Ipv4InSubnet(a, want.subnet_cidr) : a == want.static_cidr;
    });
    if (!address_ok)
      problems.push_back(
          fmt::format("{} has [{}], expected {}", it->name, fmt::join(it->ipv4, " "),
                      want.dhcp ? "a lease in " + want.subnet_cidr : want.static_cidr));
  }
  if (!problems.empty()) {
    result.passed = false;
    result.message = fmt::format("at {}: {}", end->checkpoint, fmt::join(problems, "; "));
  } else {
    result.checkpoint.clear();
  }
  return result;
}

}  // namespace bootstorm
