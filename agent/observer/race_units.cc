#include "race_units.h"

#include "units.h"

namespace bootstorm {
namespace {

struct Pattern {
  std::string_view prefix;
  std::string_view suffix;  ///< the rest of the name ends with this
};

// The one list. A prefix alone, with suffix "", matches the name exactly.
constexpr Pattern kRaceUnits[] = {
    {"NetworkManager", ".service"},  // NetworkManager, -wait-online, -dispatcher
    {kAgentUnitPrefix, ".service"},   {"cloud-init", ".service"},  // cloud-init-local, cloud-init
    {"cloud-config.service", ""},     {"cloud-final.service", ""}, {kUnitDbus, ""},
    {"systemd-resolved.service", ""}, {"network", ".target"},  // network-pre, network,
                                                               // network-online
};

}  // namespace

bool IsUnitOfTheRace(std::string_view unit) {
  for (const Pattern& p : kRaceUnits) {
    if (p.suffix.empty() ? unit == p.prefix
                         : unit.size() >= p.prefix.size() + p.suffix.size() &&
                               unit.starts_with(p.prefix) && unit.ends_with(p.suffix))
      return true;
  }
  return false;
}

}  // namespace bootstorm
