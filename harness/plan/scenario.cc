#include "scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "bounded_file.h"
#include "strict_json.h"

namespace bootstorm {
namespace {

/// A name that is a plain file name: no "/", no "." or "..", not hidden.
bool IsSafeScenarioName(std::string_view name) {
  constexpr std::size_t kMaxLength = 64;
  auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  };
  return !name.empty() && name.size() <= kMaxLength && plain(name[0]) && name[0] != '.' &&
         name[0] != '_' && name[0] != '-' && std::all_of(name.begin(), name.end(), plain);
}

template <typename List>
bool Contains(const List& list, std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

std::vector<std::string> Strings(StrictObject& o, std::string_view key) {
  const nlohmann::json* array = o.OptionalArray(key);
  return array ? StringsOf(*array, o.PathOf(key)) : std::vector<std::string>{};
}

AddressMode ParseAddressMode(StrictObject& o, std::string_view key, AddressMode fallback) {
  std::optional<std::string> text = o.OptionalString(key);
  if (!text) return fallback;
  for (AddressMode m : {AddressMode::kOff, AddressMode::kDhcp, AddressMode::kStatic}) {
    if (AddressModeName(m) == *text) return m;
  }
  throw JsonPathError(o.PathOf(key),
                      "expected \"dhcp\", \"static\" or \"off\", got \"" + *text + "\"");
}

// Reads ipv4/ipv6/managed of one NIC from `o` (a NIC object, or the network
// object itself in the one-NIC short form).
NicSpec ParseNicFields(StrictObject& o) {
  NicSpec nic;
  nic.ipv4 = ParseAddressMode(o, "ipv4", AddressMode::kDhcp);
  nic.ipv6 = ParseAddressMode(o, "ipv6", AddressMode::kOff);
  nic.managed = o.OptionalBoolean("managed").value_or(true);
  if (nic.ipv4 == AddressMode::kOff && nic.ipv6 == AddressMode::kOff)
    throw JsonPathError(o.path(), "a NIC needs ipv4 or ipv6");
  if (!nic.managed && (nic.ipv4 != AddressMode::kDhcp || nic.ipv6 != AddressMode::kOff))
    throw JsonPathError(o.PathOf("managed"),
                        "an unmanaged NIC gets NetworkManager's default (ipv4 dhcp, ipv6 off)");
  return nic;
}

NetworkSpec ParseNetwork(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  NetworkSpec n;
  if (o.Has("nics")) {
    if (o.Has("ipv4") || o.Has("ipv6") || o.Has("managed"))
      throw JsonPathError(o.PathOf("nics"), "give either \"nics\" or ipv4/ipv6, not both");
    const nlohmann::json& nics = o.Array("nics");
    if (nics.empty() || nics.size() > static_cast<std::size_t>(kMaxNics))
      throw JsonPathError(o.PathOf("nics"), fmt::format("expected 1 to {} NICs", kMaxNics));
    n.nics.clear();
    for (std::size_t i = 0; i < nics.size(); ++i) {
      StrictObject nic(nics[i], ElementPath(o.PathOf("nics"), i));
      n.nics.push_back(ParseNicFields(nic));
      nic.Finish();
    }
  } else {
    n.nics = {ParseNicFields(o)};
  }
  n.dns.nameservers = Strings(o, "nameservers");
  n.dns.search = Strings(o, "search");
  o.Finish();  // a typo in a key explains more than the error it causes below
  if (n.dns.nameservers.empty())
    throw JsonPathError(o.PathOf("nameservers"), "at least one name server is required");
  for (std::size_t i = 0; i < n.dns.nameservers.size(); ++i)
    RequireNameServer(n.dns.nameservers[i], ElementPath(o.PathOf("nameservers"), i));
  for (std::size_t i = 0; i < n.dns.search.size(); ++i)
    RequireSearchDomain(n.dns.search[i], ElementPath(o.PathOf("search"), i));
  return n;
}

// "ms": 500 or "ms": [200, 3000]; both ends within [0, kMaxFaultMs].
std::pair<int, int> MsRange(StrictObject& o) {
  const nlohmann::json& ms = o.Member("ms");
  std::string path = o.PathOf("ms");
  auto bounded = [](const nlohmann::json& v, const std::string& at) {
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > kMaxFaultMs)
      throw JsonPathError(
          at, fmt::format("expected a whole number of milliseconds in [0, {}]", kMaxFaultMs));
    return static_cast<int>(v.get<long long>());
  };
  if (!ms.is_array()) {
    int v = bounded(ms, path);
    return {v, v};
  }
  if (ms.size() != 2) throw JsonPathError(path, "expected [min, max]");
  int lo = bounded(ms[0], ElementPath(path, 0));
  int hi = bounded(ms[1], ElementPath(path, 1));
  if (lo > hi) throw JsonPathError(path, "min is greater than max");
  return {lo, hi};
}

FaultSpec ParseFault(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  FaultSpec f;
  f.kind = o.String("kind");
  const FaultKind* kind = FindFaultKind(f.kind);
  if (!kind) throw JsonPathError(o.PathOf("kind"), UnknownFaultError(f.kind));
  f.probability = o.OptionalNumber("probability", 0.0, 1.0).value_or(1.0);
  if (kind->takes_unit) {
    f.unit = o.String("unit");
    if (!FaultUnitAllowed(*kind, f.unit))
      throw JsonPathError(o.PathOf("unit"), FaultUnitError(*kind, f.unit));
  }
  if (kind->takes_ms) std::tie(f.ms_min, f.ms_max) = MsRange(o);
  if (kind->takes_percent) f.percent = static_cast<int>(o.Integer("percent", 1, 100));
  o.Finish();
  return f;
}

Scenario ParseScenarioJson(const nlohmann::json& j) {
  StrictObject o(j, "scenario");
  Scenario s;
  s.name = o.String("name");
  // The name becomes a folder name (bootstorm-runs/<name>-<id>, verify's <out>/<name>).
  if (!IsSafeScenarioName(s.name))
    throw JsonPathError(o.PathOf("name"),
                        "\"" + s.name +
                            "\" is not a scenario name: 1 to 64 of A-Z a-z 0-9 . _ -, starting "
                            "with a letter or digit");
  s.description = o.OptionalString("description").value_or("");
  s.vms = static_cast<int>(o.OptionalInteger("vms", 1, kMaxVms).value_or(1));
  s.boots = static_cast<int>(o.OptionalInteger("boots", 1, kMaxBoots).value_or(2));
  s.seed = static_cast<std::uint64_t>(o.OptionalInteger("seed", 0, INT64_MAX).value_or(1));
  if (auto name = o.OptionalString("activator")) {
    auto activator = ParseActivator(*name);
    if (!activator)
      throw JsonPathError(o.PathOf("activator"), "unknown activator \"" + *name + "\"");
    s.activator = *activator;
  }
  std::string expect = o.OptionalString("expect").value_or("pass");
  std::optional<Expect> parsed = ExpectFromName(expect);
  if (!parsed) throw JsonPathError(o.PathOf("expect"), ExpectNameError(expect));
  s.expect = *parsed;
  s.network = ParseNetwork(o.Member("network"), o.PathOf("network"));
  if (const nlohmann::json* faults = o.OptionalArray("faults")) {
    for (std::size_t i = 0; i < faults->size(); ++i)
      s.faults.push_back(ParseFault((*faults)[i], ElementPath(o.PathOf("faults"), i)));
  }
  if (o.Has("checks")) {
    s.checks = Strings(o, "checks");
    // An empty list would pass every boot without looking at it.
    if (s.checks.empty())
      throw JsonPathError(o.PathOf("checks"),
                          "empty: name at least one invariant, or leave \"checks\" out for all");
    for (std::size_t i = 0; i < s.checks.size(); ++i) {
      if (!Contains(kAllChecks, s.checks[i]))
        throw JsonPathError(ElementPath(o.PathOf("checks"), i),
                            "unknown invariant \"" + s.checks[i] + "\"");
      if (std::find(s.checks.begin(), s.checks.begin() + i, s.checks[i]) != s.checks.begin() + i)
        throw JsonPathError(ElementPath(o.PathOf("checks"), i),
                            "\"" + s.checks[i] + "\" is listed twice");
    }
  } else {
    s.checks.assign(std::begin(kAllChecks), std::end(kAllChecks));
  }
  if (auto user_data = o.OptionalString("user_data")) {
    if (s.activator != Activator::kCloudInit)
      throw JsonPathError(o.PathOf("user_data"),
                          "only cloud-init reads user data: set \"activator\": \"cloud-init\"");
    if (user_data->size() > kMaxUserDataBytes)
      throw JsonPathError(o.PathOf("user_data"), fmt::format("{} bytes, at most {} (Nova's limit)",
                                                             user_data->size(), kMaxUserDataBytes));
    s.user_data = std::move(*user_data);
  }
  if (o.Has("timeouts")) {
    StrictObject t(o.Member("timeouts"), o.PathOf("timeouts"));
    s.boot_timeout_seconds =
        static_cast<int>(t.OptionalInteger("boot_seconds", 10, 86400).value_or(600));
    s.shutdown_timeout_seconds =
        static_cast<int>(t.OptionalInteger("shutdown_seconds", 5, 3600).value_or(120));
    t.Finish();
  }
  if (o.Has("vm")) {
    StrictObject v(o.Member("vm"), o.PathOf("vm"));
    s.memory_mib = static_cast<int>(v.OptionalInteger("memory_mib", 128, 65536).value_or(256));
    s.vcpus = static_cast<int>(v.OptionalInteger("vcpus", 1, 64).value_or(1));
    v.Finish();
  }
  o.Finish();
  return s;
}

}  // namespace

std::string_view AddressModeName(AddressMode m) {
  switch (m) {
    case AddressMode::kOff:
      return "off";
    case AddressMode::kDhcp:
      return "dhcp";
    case AddressMode::kStatic:
      return "static";
  }
  return "unknown";
}

bool NetworkSpec::UsesIpv6() const {
  return std::any_of(nics.begin(), nics.end(),
                     [](const NicSpec& n) { return n.ipv6 != AddressMode::kOff; });
}

bool NetworkSpec::UsesStaticIpv4() const {
  return std::any_of(nics.begin(), nics.end(),
                     [](const NicSpec& n) { return n.ipv4 == AddressMode::kStatic; });
}

Scenario ParseScenario(std::string_view text, const std::filesystem::path& source) {
  try {
    Scenario s = ParseScenarioJson(ParseJsonText(text, "scenario"));
    s.source = source;
    return s;
  } catch (const JsonPathError& e) {
    throw ScenarioError(source.string() + ": " + e.what());
  }
}

std::string ReadScenarioText(const std::filesystem::path& path) {
  return ReadFileBounded(path, kMaxScenarioBytes);
}

}  // namespace bootstorm
