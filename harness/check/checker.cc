#include "checker.h"

#include <stdexcept>

#include "activation_once_checker.h"
#include "atomic_write_checker.h"
#include "boot_completes_checker.h"
#include "interfaces_up_checker.h"
#include "nm_dns_none_checker.h"
#include "resolv_conf_checker.h"
#include "scenario.h"

namespace bootstorm {

std::vector<std::unique_ptr<Checker>> MakeCheckers(const std::vector<std::string>& names) {
  std::vector<std::unique_ptr<Checker>> checkers;
  for (const std::string& name : names) {
    if (name == kCheckResolvConfIntact) {
      checkers.push_back(std::make_unique<ResolvConfChecker>());
    } else if (name == kCheckInterfacesUp) {
      checkers.push_back(std::make_unique<InterfacesUpChecker>());
    } else if (name == kCheckNmDnsNone) {
      checkers.push_back(std::make_unique<NmDnsNoneChecker>());
    } else if (name == kCheckActivationOnce) {
      checkers.push_back(std::make_unique<ActivationOnceChecker>());
    } else if (name == kCheckBootCompletes) {
      checkers.push_back(std::make_unique<BootCompletesChecker>());
    } else if (name == kCheckAtomicWrite) {
      checkers.push_back(std::make_unique<AtomicWriteChecker>());
    } else {
      throw std::invalid_argument("unknown invariant " + name);
    }
  }
  return checkers;
}

}  // namespace bootstorm
