#include "interfaces_up_checker.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "scenario.h"

namespace bootstorm {
namespace {

struct Cidr {
  int family;
  std::array<unsigned char, 16> bytes{};
  int prefix;
};

std::optional<Cidr> ParseCidr(std::string_view text) {
  std::size_t slash = text.find('/');
  std::string address(text.substr(0, slash));
  Cidr c{};
  c.family = address.find(':') == std::string::npos ? AF_INET : AF_INET6;
  int bits = c.family == AF_INET ? 32 : 128;
  c.prefix = bits;
  if (slash != std::string_view::npos) {
    std::string p(text.substr(slash + 1));
    if (p.empty() || p.size() > 3 || !std::all_of(p.begin(), p.end(), ::isdigit))
      return std::nullopt;
    c.prefix = std::stoi(p);
    if (c.prefix > bits) return std::nullopt;
  }
  if (inet_pton(c.family, address.c_str(), c.bytes.data()) != 1) return std::nullopt;
  return c;
}

// The last observation that describes the end state of the boot.
const Observation* EndState(const std::vector<Observation>& observations) {
  const Observation* last = nullptr;
  for (const Observation& o : observations) {
    if (o.checkpoint == kCheckpointFinal || o.checkpoint == kCheckpointAfterDnsEvent) last = &o;
  }
  return last;
}

std::string Describe(const ExpectedAddress& a) {
  return a.static_cidr.empty() ? "a lease in " + a.subnet_cidr : a.static_cidr;
}

nlohmann::json Expected(const ExpectedInterface& i) {
  nlohmann::json j = {{"mac", i.mac}, {"nm_state", "connected"}};
  if (i.ipv4.checked) j["ipv4"] = Describe(i.ipv4);
  if (i.ipv6.checked) j["ipv6"] = Describe(i.ipv6);
  return j;
}

bool SameCidr(std::string_view a, std::string_view b) {
  auto x = ParseCidr(a);
  auto y = ParseCidr(b);
  return x && y && x->family == y->family && x->bytes == y->bytes && x->prefix == y->prefix;
}

bool HasAddress(const std::vector<std::string>& addresses, const ExpectedAddress& want) {
  return std::any_of(addresses.begin(), addresses.end(), [&](const std::string& a) {
    return want.static_cidr.empty() ? AddressInSubnet(a, want.subnet_cidr)
                                    : SameCidr(a, want.static_cidr);
  });
}

}  // namespace

bool AddressInSubnet(std::string_view address_cidr, std::string_view subnet_cidr) {
  auto a = ParseCidr(address_cidr);
  auto s = ParseCidr(subnet_cidr);
  if (!a || !s || a->family != s->family) return false;
  for (int bit = 0; bit < s->prefix; ++bit) {
    unsigned char mask = static_cast<unsigned char>(0x80 >> (bit % 8));
    if ((a->bytes[bit / 8] & mask) != (s->bytes[bit / 8] & mask)) return false;
  }
  return true;
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
    result.actual.push_back({{"name", it->name},
                             {"mac", it->mac},
                             {"nm_state", it->nm_state},
                             {"ipv4", it->ipv4},
                             {"ipv6", it->ipv6}});
    if (it->nm_state != "connected")
      problems.push_back(fmt::format("{} is {} in NetworkManager", it->name, it->nm_state));
    for (auto [family, addresses, want_family] :
         {std::tuple{"IPv4", &it->ipv4, &want.ipv4}, std::tuple{"IPv6", &it->ipv6, &want.ipv6}}) {
      if (want_family->checked && !HasAddress(*addresses, *want_family))
        problems.push_back(fmt::format("{} has {} [{}], expected {}", it->name, family,
                                       fmt::join(*addresses, " "), Describe(*want_family)));
    }
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
