#include "hypervisor.h"

namespace bootstorm {

std::string_view ResourceKindName(HypervisorResource::Kind kind) {
  switch (kind) {
    case HypervisorResource::Kind::kDomain:
      return "domain";
    case HypervisorResource::Kind::kVolume:
      return "volume";
    case HypervisorResource::Kind::kNetwork:
      return "network";
  }
  return "resource";
}

}  // namespace bootstorm
