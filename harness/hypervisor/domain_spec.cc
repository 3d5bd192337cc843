#include "domain_spec.h"

namespace bootstorm {

std::string GuestKernelCmdline(const std::string& extra) {
  // panic=-1: a kernel panic powers the domain off instead of hanging it.
  // mitigations=off, nowatchdog, audit=0: speculation barriers, lockup
  // detectors and kernel auditing only cost time in a test guest.
  return "root=/dev/vda rw console=ttyS0 panic=-1 mitigations=off nowatchdog audit=0 " + extra;
}

}  // namespace bootstorm
