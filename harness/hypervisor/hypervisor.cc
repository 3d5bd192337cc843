#include "hypervisor.h"

#include <fmt/format.h>

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

std::string ConnectionLostMessage(std::string_view uri, std::string_view reason) {
  return fmt::format("libvirt connection to {} lost: {}", uri, reason);
}

}  // namespace bootstorm
