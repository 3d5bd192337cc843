#include "history.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "strict_json.h"

namespace bootstorm {
namespace {

constexpr std::size_t kMaxShortString = 256;
/// nm-dns's configuration summary, an observer's error.
constexpr std::size_t kMaxDetailBytes = 4096;

struct KindMembers {
  std::string_view kind;
  std::span<const std::string_view> ops;  ///< empty: the kind has no op
  std::array<std::string_view, 6> members;
};

constexpr std::span<const std::string_view> kNoOps;

// The one table of which kind has which members (besides v, kind, seq and
// monotonic_us, which all have).
constexpr KindMembers kKinds[] = {
    {kHistoryResolvConf,
     kHistoryOpsResolvConf,
     {"op", "path", "content", "symlink_target", "sha256", "writer"}},
    {kHistoryJob, kHistoryOpsJob, {"op", "unit", "job_type", "job_id", "result"}},
    {kHistoryUnit, kNoOps, {"unit", "active_state", "sub_state"}},
    {kHistoryLink, kNoOps, {"ifname", "carrier", "operstate"}},
    {kHistoryAddress, kHistoryOpsAddress, {"op", "ifname", "address"}},
    {kHistoryNmDns, kNoOps, {"mode", "detail"}},
    {kHistoryNmDevice, kNoOps, {"ifname", "state"}},
    {kHistoryNmConnection, kHistoryOpsNmConnection, {"op", "name"}},
    {kHistoryObserver, kHistoryOpsObserver, {"op", "detail", "count"}},
    {kHistoryMarker, kNoOps, {"name"}},
};

const KindMembers* FindKind(std::string_view kind) {
  for (const KindMembers& k : kKinds)
    if (k.kind == kind) return &k;
  return nullptr;
}

std::string BoundedString(StrictObject& o, std::string_view key, std::size_t max) {
  std::string s = o.String(key);
  if (s.size() > max)
    throw JsonPathError(o.PathOf(key), "longer than " + std::to_string(max) + " bytes");
  return s;
}

nlohmann::json WriterToJson(const HistoryWriter& w) {
  return {{"pid", w.pid}, {"comm", w.comm}, {"exe", w.exe}, {"unit", w.unit}};
}

HistoryWriter WriterFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  HistoryWriter w;
  w.pid = static_cast<int>(o.Integer("pid", 0, INT32_MAX));
  w.comm = BoundedString(o, "comm", kMaxShortString);
  w.exe = BoundedString(o, "exe", 4096);
  w.unit = BoundedString(o, "unit", kMaxShortString);
  o.Finish();
  return w;
}

// The members that are bounded strings, with their bounds.
struct StringMember {
  std::string_view key;
  std::string HistoryEvent::*field;
  std::size_t max_bytes;
};
constexpr StringMember kStringMembers[] = {
    {"path", &HistoryEvent::path, 4096},
    {"symlink_target", &HistoryEvent::symlink_target, 4096},
    {"unit", &HistoryEvent::unit, kMaxShortString},
    {"job_type", &HistoryEvent::job_type, kMaxShortString},
    {"result", &HistoryEvent::result, kMaxShortString},
    {"active_state", &HistoryEvent::active_state, kMaxShortString},
    {"sub_state", &HistoryEvent::sub_state, kMaxShortString},
    {"ifname", &HistoryEvent::ifname, kMaxShortString},
    {"operstate", &HistoryEvent::operstate, kMaxShortString},
    {"address", &HistoryEvent::address, kMaxShortString},
    {"state", &HistoryEvent::state, kMaxShortString},
    {"mode", &HistoryEvent::mode, kMaxShortString},
    {"name", &HistoryEvent::name, kMaxShortString},
    {"detail", &HistoryEvent::detail, kMaxDetailBytes},
};

const StringMember* FindStringMember(std::string_view key) {
  for (const StringMember& m : kStringMembers)
    if (m.key == key) return &m;
  return nullptr;
}

void WriteMember(nlohmann::json& j, const HistoryEvent& e, std::string_view key) {
  nlohmann::json& out = j[std::string(key)];
  if (const StringMember* m = FindStringMember(key))
    out = e.*(m->field);
  else if (key == "op")
    out = e.op;
  else if (key == "content")
    out = e.content ? nlohmann::json(*e.content) : nlohmann::json();
  else if (key == "sha256")
    out = e.sha256;
  else if (key == "writer")
    out = e.writer ? WriterToJson(*e.writer) : nlohmann::json();
  else if (key == "job_id")
    out = e.job_id;
  else if (key == "carrier")
    out = e.carrier;
  else if (key == "count")
    out = e.count;
}

void ReadMember(StrictObject& o, HistoryEvent& e, std::string_view key, const KindMembers& kind) {
  if (const StringMember* m = FindStringMember(key)) {
    e.*(m->field) = BoundedString(o, key, m->max_bytes);
  } else if (key == "op") {
    e.op = BoundedString(o, key, kMaxShortString);
    if (std::find(kind.ops.begin(), kind.ops.end(), e.op) == kind.ops.end())
      throw JsonPathError(o.PathOf(key), "unknown op '" + e.op + "' of kind " + e.kind);
  } else if (key == "content") {
    if (!o.Member(key).is_null()) e.content = BoundedString(o, key, kMaxHistoryContentBytes);
  } else if (key == "sha256") {
    e.sha256 = BoundedString(o, key, 64);
    bool hex = std::all_of(e.sha256.begin(), e.sha256.end(),
                           [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (!hex || !(e.sha256.empty() || e.sha256.size() == 64))
      throw JsonPathError(o.PathOf(key), "expected 64 lower-case hex digits or \"\"");
  } else if (key == "writer") {
    const nlohmann::json& w = o.Member(key);
    if (!w.is_null()) e.writer = WriterFromJson(w, o.PathOf(key));
  } else if (key == "job_id") {
    e.job_id = static_cast<std::uint32_t>(o.Integer(key, 0, UINT32_MAX));
  } else if (key == "carrier") {
    e.carrier = o.Boolean(key);
  } else if (key == "count") {
    e.count = static_cast<std::uint64_t>(o.Integer(key, 0, INT64_MAX));
  }
}

}  // namespace

std::vector<std::string_view> HistoryMembersOf(std::string_view kind) {
  const KindMembers* k = FindKind(kind);
  std::vector<std::string_view> out;
  if (!k) return out;
  for (std::string_view m : k->members)
    if (!m.empty()) out.push_back(m);
  return out;
}

nlohmann::json ToJson(const HistoryEvent& e) {
  nlohmann::json j = {{"v", kHistorySchemaVersion},
                      {"kind", e.kind},
                      {"seq", e.seq},
                      {"monotonic_us", e.monotonic_us}};
  for (std::string_view key : HistoryMembersOf(e.kind)) WriteMember(j, e, key);
  return j;
}

std::string SerializeHistoryEvent(const HistoryEvent& e) {
  // Replace invalid UTF-8 (a resolv.conf may hold anything) rather than throw.
  return ToJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HistoryEvent ParseHistoryEvent(std::string_view line) {
  if (line.size() > kMaxHistoryEventBytes)
    throw JsonPathError("history event", "longer than " + std::to_string(kMaxHistoryEventBytes) +
                                             " bytes (" + std::to_string(line.size()) + ")");
  return HistoryEventFromJson(ParseJsonText(line, "history event"), "history event");
}

HistoryEvent HistoryEventFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  long long version = o.Integer("v", 0, INT32_MAX);
  if (version != kHistorySchemaVersion)
    throw JsonPathError(o.PathOf("v"), "schema version " + std::to_string(version) +
                                           ", this bootstorm reads " +
                                           std::to_string(kHistorySchemaVersion));
  HistoryEvent e;
  e.kind = BoundedString(o, "kind", kMaxShortString);
  const KindMembers* kind = FindKind(e.kind);
  if (!kind) throw JsonPathError(o.PathOf("kind"), "unknown kind '" + e.kind + "'");
  e.seq = static_cast<std::uint64_t>(o.Integer("seq", 0, INT64_MAX));
  e.monotonic_us = o.Integer("monotonic_us", 0, INT64_MAX);
  for (std::string_view key : HistoryMembersOf(e.kind)) ReadMember(o, e, key, *kind);
  o.Finish();
  return e;
}

}  // namespace bootstorm
