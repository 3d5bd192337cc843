#include "checker.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "activation_once_checker.h"
#include "atomic_write_checker.h"
#include "boot_completes_checker.h"
#include "interfaces_up_checker.h"
#include "nm_dns_none_checker.h"
#include "resolv_conf_checker.h"
#include "scenario.h"

namespace bootstorm {

namespace {

template <class T>
std::unique_ptr<Checker> Make() {
  return std::make_unique<T>();
}

/// The one table from an invariant's name (scenario.h) to its checker.
struct Registration {
  std::string_view name;
  std::unique_ptr<Checker> (*make)();
};
constexpr Registration kRegistry[] = {
    {kCheckResolvConfIntact, Make<ResolvConfChecker>},
    {kCheckInterfacesUp, Make<InterfacesUpChecker>},
    {kCheckNmDnsNone, Make<NmDnsNoneChecker>},
    {kCheckActivationOnce, Make<ActivationOnceChecker>},
    {kCheckBootCompletes, Make<BootCompletesChecker>},
    {kCheckAtomicWrite, Make<AtomicWriteChecker>},
};
static_assert(std::size(kRegistry) == kAllChecks.size(), "every invariant has one checker");

}  // namespace

std::vector<std::unique_ptr<Checker>> MakeCheckers(const std::vector<std::string>& names) {
  std::vector<std::unique_ptr<Checker>> checkers;
  for (const std::string& name : names) {
    const Registration* r = std::find_if(std::begin(kRegistry), std::end(kRegistry),
                                         [&](const Registration& r) { return r.name == name; });
    if (r == std::end(kRegistry)) throw std::invalid_argument("unknown invariant " + name);
    checkers.push_back(r->make());
  }
  return checkers;
}

}  // namespace bootstorm
