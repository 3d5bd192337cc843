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

bool IsKnownFault(std::string_view kind) {
  for (std::string_view known :
       {kFaultNmBeforeLocal, kFaultConnectionReup, kFaultProbeGarbage, kFaultProbeHugeLine}) {
    if (kind == known) return true;
  }
  return false;
}

std::string_view ActivatorName(Activator a) {
  switch (a) {
    case Activator::kReference:
      return "reference";
    case Activator::kLegacyInterfaces:
      return "legacy-interfaces";
  }
  return "unknown";
}

std::optional<Activator> ParseActivator(std::string_view name) {
  for (Activator a : {Activator::kReference, Activator::kLegacyInterfaces}) {
    if (ActivatorName(a) == name) return a;
  }
  return std::nullopt;
}

bool BootPlan::HasFault(std::string_view kind) const {
  return std::any_of(faults.begin(), faults.end(), [&](const Fault& f) { return f.kind == kind; });
}

nlohmann::json ToJson(const BootPlan& plan) {
  nlohmann::json faults = nlohmann::json::array();
  for (const Fault& f : plan.faults) faults.push_back({{"kind", f.kind}});
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
  for (std::size_t i = 0; i < faults.size(); ++i) {
    StrictObject f(faults[i], ElementPath(o.PathOf("faults"), i));
    Fault fault{f.String("kind")};
    if (!IsKnownFault(fault.kind))
      throw JsonPathError(f.PathOf("kind"), "unknown fault '" + fault.kind + "'");
    f.Finish();
    plan.faults.push_back(std::move(fault));
  }
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
