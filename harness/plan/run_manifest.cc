#include "run_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "atomic_file.h"
#include "bounded_file.h"
#include "exit_code.h"
#include "run_network.h"
#include "strict_json.h"

namespace bootstorm {
namespace {

/// At least one host, each URI once (as ParseConnectOptions demands).
std::vector<ManifestHost> HostsFromJson(const nlohmann::json& array, const std::string& path) {
  if (array.empty()) throw JsonPathError(path, "expected at least one host");
  std::vector<ManifestHost> hosts;
  for (std::size_t i = 0; i < array.size(); ++i) {
    StrictObject o(array[i], ElementPath(path, i));
    ManifestHost h;
    h.uri = o.String("uri");
    if (h.uri.empty()) throw JsonPathError(o.PathOf("uri"), "empty URI");
    for (const ManifestHost& earlier : hosts) {
      if (earlier.uri == h.uri) throw JsonPathError(o.PathOf("uri"), "given twice");
    }
    h.weight = static_cast<int>(o.Integer("weight", 1, kMaxHostWeight));
    h.subnet_slot = static_cast<int>(o.Integer("subnet_slot", 0, kSubnetSlots - 1));
    o.Finish();
    hosts.push_back(std::move(h));
  }
  return hosts;
}

nlohmann::json PlansToJson(const ExplicitPlans& plans) {
  nlohmann::json vms = nlohmann::json::array();
  for (const std::vector<BootPlan>& boots : plans) {
    nlohmann::json array = nlohmann::json::array();
    for (const BootPlan& p : boots) array.push_back(ToJson(p));
    vms.push_back(std::move(array));
  }
  return vms;
}

ExplicitPlans PlansFromJson(const nlohmann::json& vms, const std::string& path) {
  ExplicitPlans plans;
  for (std::size_t vm = 0; vm < vms.size(); ++vm) {
    std::string vm_path = ElementPath(path, vm);
    if (!vms[vm].is_array()) throw JsonPathError(vm_path, "expected an array of plans");
    std::vector<BootPlan>& boots = plans.emplace_back();
    for (std::size_t i = 0; i < vms[vm].size(); ++i)
      boots.push_back(BootPlanFromJson(vms[vm][i], ElementPath(vm_path, i)));
  }
  return plans;
}

}  // namespace

std::string NewRunId() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

bool IsValidRunId(std::string_view id) {
  constexpr std::size_t kLength = 8;
  return id.size() == kLength && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

nlohmann::json ToJson(const RunManifest& m) {
  nlohmann::json hosts = nlohmann::json::array();
  for (const ManifestHost& h : m.hosts)
    hosts.push_back({{"uri", h.uri}, {"weight", h.weight}, {"subnet_slot", h.subnet_slot}});
  nlohmann::json j = {{"version", kRunManifestVersion},   {"run_id", m.run_id},
                      {"scenario_file", m.scenario_file}, {"scenario_text", m.scenario_text},
                      {"activator", m.activator},         {"hosts", hosts},
                      {"image_dir", m.image_dir},         {"image_key", m.image_key},
                      {"retries", m.infra_retries},       {"virt_type", m.virt_type},
                      {"started_at", m.started_at},       {"resumes", m.resumes}};
  if (!m.plans.empty()) j["plans"] = PlansToJson(m.plans);
  if (m.guest_versions != GuestVersions{}) j["guest_versions"] = ToJson(m.guest_versions);
  return j;
}

RunManifest RunManifestFromJson(const nlohmann::json& j, const std::string& file) {
  try {
    StrictObject o(j, "run");
    long long version = o.Integer("version", 1, 1'000'000);
    if (version != kRunManifestVersion)
      throw JsonPathError(o.PathOf("version"), "this bootstorm reads version " +
                                                   std::to_string(kRunManifestVersion) + ", not " +
                                                   std::to_string(version));
    RunManifest m;
    m.run_id = o.String("run_id");
    if (!IsValidRunId(m.run_id))
      throw JsonPathError(o.PathOf("run_id"),
                          "\"" + m.run_id + "\" is not a run id (8 lowercase hex digits)");
    m.scenario_file = o.String("scenario_file");
    m.scenario_text = o.String("scenario_text");
    m.activator = o.String("activator");
    m.hosts = HostsFromJson(o.Array("hosts"), o.PathOf("hosts"));
    m.image_dir = o.String("image_dir");
    m.image_key = o.String("image_key");
    m.infra_retries = static_cast<int>(o.Integer("retries", 0, 10));
    m.virt_type = o.String("virt_type");
    m.started_at = o.String("started_at");
    m.resumes = static_cast<int>(o.Integer("resumes", 0, 1'000'000));
    if (const nlohmann::json* plans = o.OptionalArray("plans"))
      m.plans = PlansFromJson(*plans, o.PathOf("plans"));
    if (o.Has("guest_versions"))
      m.guest_versions =
          GuestVersionsFromJson(o.Member("guest_versions"), o.PathOf("guest_versions"));
    o.Finish();
    return m;
  } catch (const JsonPathError& e) {
    throw BadInput(file + ": " + e.what());
  }
}

RunManifest ReadRunManifest(const std::filesystem::path& path) {
  std::string text = ReadFileBounded(path, kMaxRunManifestBytes);
  try {
    return RunManifestFromJson(ParseJsonText(text, "run"), path.string());
  } catch (const JsonPathError& e) {  // malformed JSON
    throw BadInput(path.string() + ": " + e.what());
  }
}

void WriteRunManifest(const RunManifest& m, const std::filesystem::path& path) {
  WriteFileAtomically(path, ToJson(m).dump(2) + "\n");
}

}  // namespace bootstorm
