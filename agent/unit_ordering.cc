#include "unit_ordering.h"

#include <fmt/format.h>

namespace bootstorm {
namespace {

constexpr std::string_view kDropInName = "50-order.conf";
constexpr std::string_view kHeader = "# Written by bootstorm-generator from the boot plan.\n";

std::string DropInPath(std::string_view unit) { return fmt::format("{}.d/{}", unit, kDropInName); }

std::string LocalOrdering(bool nm_before_local) {
  if (nm_before_local) {
    return fmt::format(
        "[Unit]\nDefaultDependencies=no\n"
        "After=local-fs.target bootstorm-early.service NetworkManager.service\n"
        "Wants={0}\nAfter={0}\n",
        kConfigDriveDeviceUnit);
  }
  return fmt::format(
      "[Unit]\nDefaultDependencies=no\nWants=network-pre.target\n"
      "After=local-fs.target bootstorm-early.service\n"
      "Wants={0}\nAfter={0}\n"
      "Before=network-pre.target NetworkManager.service\n",
      kConfigDriveDeviceUnit);
}

}  // namespace

std::map<std::string, std::string> RenderOrderingDropIns(const BootPlan& plan) {
  std::map<std::string, std::string> drop_ins;
  drop_ins[DropInPath("bootstorm-early.service")] =
      std::string(kHeader) +
      "[Unit]\nDefaultDependencies=no\nAfter=local-fs.target\n"
      "Before=NetworkManager.service bootstorm-local.service\n";
  drop_ins[DropInPath("bootstorm-local.service")] =
      std::string(kHeader) + LocalOrdering(plan.HasFault(kFaultNmBeforeLocal));
  // network-online.target is only wanted by final: the network stage orders
  // itself before it but does not pull it in.
  drop_ins[DropInPath("bootstorm-network.service")] =
      std::string(kHeader) +
      "[Unit]\nAfter=NetworkManager.service bootstorm-local.service dbus.service\n"
      "Before=network-online.target\n";
  drop_ins[DropInPath("bootstorm-final.service")] =
      std::string(kHeader) +
      "[Unit]\nWants=network-online.target\n"
      "After=network-online.target bootstorm-network.service\n";
  return drop_ins;
}

}  // namespace bootstorm
