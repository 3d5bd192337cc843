#include "fault_catalog.h"

#include <algorithm>

namespace bootstorm {

const FaultKind* FindFaultKind(std::string_view kind) {
  for (const FaultFamily& family : kFaultFamilies) {
    for (const FaultKind& k : family.kinds) {
      if (k.name == kind) return &k;
    }
  }
  return nullptr;
}

bool IsKnownFault(std::string_view kind) { return FindFaultKind(kind) != nullptr; }

bool FaultKindHas(std::string_view kind, bool FaultKind::*flag) {
  const FaultKind* k = FindFaultKind(kind);
  return k && k->*flag;
}

std::string UnknownFaultError(std::string_view kind) {
  std::string known;
  for (const FaultFamily& family : kFaultFamilies) {
    known += (known.empty() ? "" : "; ") + std::string(family.name) + ":";
    for (const FaultKind& k : family.kinds) known += " " + std::string(k.name);
  }
  return "unknown fault '" + std::string(kind) + "' (known: " + known + ")";
}

bool FaultUnitAllowed(const FaultKind& kind, std::string_view unit) {
  return kind.units.empty() ||
         std::find(kind.units.begin(), kind.units.end(), unit) != kind.units.end();
}

std::string FaultUnitError(const FaultKind& kind, std::string_view unit) {
  std::string list;
  for (std::string_view u : kind.units) list += (list.empty() ? "" : ", ") + std::string(u);
  return "unit '" + std::string(unit) + "' cannot be used with fault '" + std::string(kind.name) +
         "' (allowed: " + list + ")";
}

}  // namespace bootstorm
