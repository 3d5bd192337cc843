#include "observation.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "strict_json.h"

namespace bootstorm {
namespace {

constexpr std::array<std::string_view, 5> kCheckpoints = {kCheckpointEarly, kCheckpointAfterNetwork,
                                                          kCheckpointFinal,
                                                          kCheckpointAfterDnsEvent, kCheckpointEnd};

// Bounds on lists from the guest; the byte bound on the line already caps the
// total, these keep a single field from dominating it.
constexpr std::size_t kMaxDevices = 64;
constexpr std::size_t kMaxAddresses = 64;
constexpr std::size_t kMaxLogLines = 1000;
constexpr std::size_t kMaxShortString = 256;

std::string BoundedString(StrictObject& o, std::string_view key, std::size_t max) {
  std::string s = o.String(key);
  if (s.size() > max)
    throw JsonPathError(o.PathOf(key), "longer than " + std::to_string(max) + " bytes");
  return s;
}

std::vector<std::string> StringList(StrictObject& o, std::string_view key, std::size_t max_items,
                                    std::size_t max_bytes) {
  const nlohmann::json& array = o.Array(key);
  if (array.size() > max_items)
    throw JsonPathError(o.PathOf(key), "more than " + std::to_string(max_items) + " entries");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string() || array[i].get_ref<const std::string&>().size() > max_bytes)
      throw JsonPathError(ElementPath(o.PathOf(key), i),
                          "expected a string of at most " + std::to_string(max_bytes) + " bytes");
    out.push_back(array[i].get<std::string>());
  }
  return out;
}

// A string member that must be one of `allowed`.
template <typename List>
std::string OneOf(StrictObject& o, std::string_view key, const List& allowed) {
  std::string s = BoundedString(o, key, kMaxShortString);
  if (std::find(std::begin(allowed), std::end(allowed), s) == std::end(allowed))
    throw JsonPathError(o.PathOf(key), "unknown value '" + s + "'");
  return s;
}

// An array member of at most `max_items` objects, each read by `from_json`.
template <typename FromJson>
auto ObjectList(StrictObject& o, std::string_view key, std::size_t max_items, FromJson from_json) {
  const nlohmann::json& array = o.Array(key);
  if (array.size() > max_items)
    throw JsonPathError(o.PathOf(key), "more than " + std::to_string(max_items) + " entries");
  std::vector<decltype(from_json(array, std::string()))> out;
  for (std::size_t i = 0; i < array.size(); ++i)
    out.push_back(from_json(array[i], ElementPath(o.PathOf(key), i)));
  return out;
}

TimelineEvent TimelineEventFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  TimelineEvent e;
  e.unit = BoundedString(o, "unit", kMaxShortString);
  e.event = OneOf(o, "event", kTimelineEvents);
  e.monotonic_us = o.Integer("monotonic_us", 0, INT64_MAX);
  o.Finish();
  return e;
}

NmReload NmReloadFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  NmReload r;
  r.action = OneOf(o, "action", kNmReloadActions);
  r.monotonic_us = o.Integer("monotonic_us", 0, INT64_MAX);
  r.requested_by = BoundedString(o, "requested_by", kMaxShortString);
  o.Finish();
  return r;
}

NmActivation NmActivationFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  NmActivation a;
  a.connection = BoundedString(o, "connection", kMaxShortString);
  a.monotonic_us = o.Integer("monotonic_us", 0, INT64_MAX);
  a.requested_by = BoundedString(o, "requested_by", kMaxShortString);
  o.Finish();
  return a;
}

}  // namespace

FaultEvent FaultEventFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  FaultEvent e;
  e.kind = BoundedString(o, "kind", kMaxShortString);
  e.unit = BoundedString(o, "unit", kMaxShortString);
  e.begin_us = o.Integer("begin_us", 0, INT64_MAX);
  e.end_us = o.Integer("end_us", e.begin_us, INT64_MAX);
  o.Finish();
  return e;
}

namespace {

DeviceState DeviceFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  DeviceState d;
  d.name = BoundedString(o, "name", kMaxShortString);
  d.mac = BoundedString(o, "mac", kMaxShortString);
  d.nm_state = BoundedString(o, "nm_state", kMaxShortString);
  d.ipv4 = StringList(o, "ipv4", kMaxAddresses, kMaxShortString);
  d.ipv6 = StringList(o, "ipv6", kMaxAddresses, kMaxShortString);
  o.Finish();
  return d;
}

}  // namespace

nlohmann::json ToJson(const TimelineEvent& e) {
  return {{"unit", e.unit}, {"event", e.event}, {"monotonic_us", e.monotonic_us}};
}

nlohmann::json ToJson(const NmReload& r) {
  return {{"action", r.action}, {"monotonic_us", r.monotonic_us}, {"requested_by", r.requested_by}};
}

nlohmann::json ToJson(const NmActivation& a) {
  return {{"connection", a.connection},
          {"monotonic_us", a.monotonic_us},
          {"requested_by", a.requested_by}};
}

nlohmann::json ToJson(const FaultEvent& e) {
  return {{"kind", e.kind}, {"unit", e.unit}, {"begin_us", e.begin_us}, {"end_us", e.end_us}};
}

nlohmann::json ToJson(const Observation& o) {
  nlohmann::json devices = nlohmann::json::array();
  for (const DeviceState& d : o.devices) {
    devices.push_back({{"name", d.name},
                       {"mac", d.mac},
                       {"nm_state", d.nm_state},
                       {"ipv4", d.ipv4},
                       {"ipv6", d.ipv6}});
  }
  nlohmann::json timeline = nlohmann::json::array();
  for (const TimelineEvent& e : o.timeline) timeline.push_back(ToJson(e));
  nlohmann::json reloads = nlohmann::json::array();
  for (const NmReload& r : o.nm_reloads) reloads.push_back(ToJson(r));
  nlohmann::json faults = nlohmann::json::array();
  for (const FaultEvent& e : o.faults) faults.push_back(ToJson(e));
  nlohmann::json j = {
      {"run", o.run_id},
      {"vm", o.vm},
      {"boot", o.boot},
      {"checkpoint", o.checkpoint},
      {"monotonic_us", o.monotonic_us},
      {"resolv_conf", o.resolv_conf ? nlohmann::json(*o.resolv_conf) : nlohmann::json()},
      {"resolv_conf_is_symlink", o.resolv_conf_is_symlink},
      {"nm_active_state", o.nm_active_state},
      {"nm_dns_mode", o.nm_dns_mode},
      {"devices", devices},
      {"timeline", timeline},
      {"nm_reloads", reloads},
      {"nm_dns_journal", o.nm_dns_journal},
      {"agent_log", o.agent_log},
      {"faults", faults}};
  if (o.nm_activations) {
    nlohmann::json activations = nlohmann::json::array();
    for (const NmActivation& a : *o.nm_activations) activations.push_back(ToJson(a));
    j["nm_activations"] = activations;
  }
  if (!o.ordering_cycles.empty()) j["ordering_cycles"] = o.ordering_cycles;
  if (!o.sut_log.empty()) j["sut_log"] = o.sut_log;
  if (!o.part.empty()) j["part"] = o.part;
  return j;
}

std::string SerializeObservation(const Observation& o) {
  // Replace invalid UTF-8 (a resolv.conf may hold anything) rather than throw.
  return ToJson(o).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Observation ParseObservation(std::string_view line) {
  if (line.size() > kMaxObservationBytes)
    throw JsonPathError("observation", "longer than " + std::to_string(kMaxObservationBytes) +
                                           " bytes (" + std::to_string(line.size()) + ")");
  return ObservationFromJson(ParseJsonText(line, "observation"), "observation");
}

Observation ObservationFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  Observation obs;
  obs.run_id = BoundedString(o, "run", kMaxShortString);
  obs.vm = static_cast<int>(o.Integer("vm", 0, 1'000'000));
  obs.boot = static_cast<int>(o.Integer("boot", 0, 1'000'000));
  obs.checkpoint = BoundedString(o, "checkpoint", kMaxShortString);
  if (std::find(kCheckpoints.begin(), kCheckpoints.end(), obs.checkpoint) == kCheckpoints.end())
    throw JsonPathError(o.PathOf("checkpoint"), "unknown checkpoint '" + obs.checkpoint + "'");
  obs.monotonic_us = o.Integer("monotonic_us", 0, INT64_MAX);
  const nlohmann::json& resolv = o.Member("resolv_conf");
  if (!resolv.is_null()) obs.resolv_conf = BoundedString(o, "resolv_conf", kMaxResolvConfBytes);
  obs.resolv_conf_is_symlink = o.Boolean("resolv_conf_is_symlink");
  obs.nm_active_state = BoundedString(o, "nm_active_state", kMaxShortString);
  obs.nm_dns_mode = BoundedString(o, "nm_dns_mode", kMaxShortString);
  obs.devices = ObjectList(o, "devices", kMaxDevices, DeviceFromJson);
  obs.timeline = ObjectList(o, "timeline", kMaxTimelineEvents, TimelineEventFromJson);
  obs.nm_reloads = ObjectList(o, "nm_reloads", kMaxNmReloads, NmReloadFromJson);
  if (o.Has("nm_activations"))
    obs.nm_activations = ObjectList(o, "nm_activations", kMaxNmActivations, NmActivationFromJson);
  obs.nm_dns_journal =
      StringList(o, "nm_dns_journal", kMaxNmDnsJournalLines, kMaxNmDnsJournalLineBytes);
  obs.agent_log = StringList(o, "agent_log", kMaxLogLines, 4096);
  if (o.Has("faults")) obs.faults = ObjectList(o, "faults", kMaxFaultEvents, FaultEventFromJson);
  if (o.Has("ordering_cycles"))
    obs.ordering_cycles =
        StringList(o, "ordering_cycles", kMaxOrderingCycleLines, kMaxEvidenceLineBytes);
  if (o.Has("sut_log"))
    obs.sut_log = StringList(o, "sut_log", kMaxSutLogLines, kMaxEvidenceLineBytes);
  if (o.Has("part")) obs.part = OneOf(o, "part", std::array{kPartInterrupted});
  o.Finish();
  return obs;
}

}  // namespace bootstorm
