#include "boot_plan.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "strict_json.h"

namespace bootstorm {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : in) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(value >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(value << (6 - bits)) & 0x3f]);
  return out;
}

std::string Base64UrlDecode(std::string_view in) {
  std::array<int, 256> table;
  table.fill(-1);
  for (std::size_t i = 0; i < kBase64Url.size(); ++i) table[kBase64Url[i]] = static_cast<int>(i);
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : in) {
    if (table[c] < 0) throw std::invalid_argument("bootstorm.plan: not base64url");
    value = (value << 6) | static_cast<unsigned>(table[c]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((value >> bits) & 0xff));
    }
  }
  return out;
}

}  // namespace

std::string FaultUnsupportedReason(std::string_view kind, std::string_view unit,
                                   Activator activator) {
  const FaultKind* k = FindFaultKind(kind);
  if (!k) return UnknownFaultError(kind);
  if (activator != Activator::kCloudInit) return "";
  if (k->agent_stages_only)
    return "fault '" + std::string(kind) +
           "' acts on the agent's own activation steps; with a config drive cloud-init activates "
           "nothing in its network stage, so it has no step to disrupt (docs/CLOUD-INIT.md)";
  if (unit == kUnitLocal)
    return "a cloud-init image has no " + std::string(kUnitLocal) + " (cloud-init renders)";
  return "";
}

nlohmann::json ToJson(const Fault& fault) {
  // A parameter the kind takes is written even at 0 or "" (a drawn `ms` can
  // be 0), since FaultFromJson requires it; others only when set.
  const FaultKind* kind = FindFaultKind(fault.kind);
  nlohmann::json j = {{"kind", fault.kind}};
  if ((kind && kind->takes_unit) || !fault.unit.empty()) j["unit"] = fault.unit;
  if ((kind && kind->takes_ms) || fault.ms != 0) j["ms"] = fault.ms;
  if ((kind && kind->takes_percent) || fault.percent != 0) j["percent"] = fault.percent;
  return j;
}

Fault FaultFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  Fault fault;
  fault.kind = o.String("kind");
  const FaultKind* kind = FindFaultKind(fault.kind);
  if (!kind) throw JsonPathError(o.PathOf("kind"), UnknownFaultError(fault.kind));
  if (kind->takes_unit) {
    fault.unit = o.String("unit");
    if (!FaultUnitAllowed(*kind, fault.unit))
      throw JsonPathError(o.PathOf("unit"), FaultUnitError(*kind, fault.unit));
  }
  if (kind->takes_ms) fault.ms = static_cast<int>(o.Integer("ms", 0, kMaxFaultMs));
  if (kind->takes_percent) fault.percent = static_cast<int>(o.Integer("percent", 1, 100));
  o.Finish();
  return fault;
}

std::string FormatFault(const Fault& fault) {
  const FaultKind* kind = FindFaultKind(fault.kind);
  std::string params = fault.unit;
  auto add = [&params](const std::string& p) { params += (params.empty() ? "" : ", ") + p; };
  if (kind && kind->takes_ms) add(std::to_string(fault.ms) + " ms");
  if (kind && kind->takes_percent) add(std::to_string(fault.percent) + "%");
  return params.empty() ? fault.kind : fault.kind + "(" + params + ")";
}

std::string_view ActivatorName(Activator a) {
  switch (a) {
    case Activator::kReference:
      return "reference";
    case Activator::kLegacyInterfaces:
      return "legacy-interfaces";
    case Activator::kLegacyFinalRestart:
      return "legacy-final-restart";
    case Activator::kNone:
      return "none";
    case Activator::kCloudInit:
      return "cloud-init";
  }
  return "unknown";
}

bool AgentManagesNetwork(Activator a) {
  return a != Activator::kNone && a != Activator::kCloudInit;
}

bool RendersConfigDrive(Activator a) { return a != Activator::kNone; }

std::optional<Activator> ParseActivator(std::string_view name) {
  for (Activator a : kAllActivators) {
    if (ActivatorName(a) == name) return a;
  }
  return std::nullopt;
}

bool BootPlan::HasFault(std::string_view kind) const { return FindFault(kind) != nullptr; }

bool BootPlan::HasFaultThat(bool FaultKind::*flag) const {
  return std::any_of(faults.begin(), faults.end(),
                     [flag](const Fault& f) { return FaultKindHas(f.kind, flag); });
}

const Fault* BootPlan::FindFault(std::string_view kind) const {
  auto it =
      std::find_if(faults.begin(), faults.end(), [&](const Fault& f) { return f.kind == kind; });
  return it == faults.end() ? nullptr : &*it;
}

nlohmann::json ToJson(const BootPlan& plan) {
  nlohmann::json faults = nlohmann::json::array();
  for (const Fault& f : plan.faults) faults.push_back(ToJson(f));
  return {{"run", plan.run_id},
          {"vm", plan.vm},
          {"boot", plan.boot},
          {"activator", ActivatorName(plan.activator)},
          {"faults", faults}};
}

BootPlan BootPlanFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  BootPlan plan;
  plan.run_id = o.String("run");
  plan.vm = static_cast<int>(o.Integer("vm", 0, kMaxVms - 1));
  plan.boot = static_cast<int>(o.Integer("boot", 1, kMaxBoots));
  auto activator = ParseActivator(o.String("activator"));
  if (!activator) throw JsonPathError(o.PathOf("activator"), "unknown activator");
  plan.activator = *activator;
  const nlohmann::json& faults = o.Array("faults");
  for (std::size_t i = 0; i < faults.size(); ++i)
    plan.faults.push_back(FaultFromJson(faults[i], ElementPath(o.PathOf("faults"), i)));
  o.Finish();
  return plan;
}

std::string EncodePlanForCmdline(const BootPlan& plan) {
  return std::string(kPlanCmdlineKey) + "=" + Base64UrlEncode(ToJson(plan).dump());
}

std::optional<BootPlan> DecodePlanFromCmdline(std::string_view cmdline) {
  const std::string prefix = std::string(kPlanCmdlineKey) + "=";
  std::size_t pos = 0;
  while (pos < cmdline.size()) {
    std::size_t end = cmdline.find_first_of(" \t\n", pos);
    if (end == std::string_view::npos) end = cmdline.size();
    std::string_view word = cmdline.substr(pos, end - pos);
    if (word.starts_with(prefix)) {
      std::string text = Base64UrlDecode(word.substr(prefix.size()));
      return BootPlanFromJson(ParseJsonText(text, std::string(kPlanCmdlineKey)));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace bootstorm
