#include "unit_ordering.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <span>

namespace bootstorm {
namespace {

constexpr std::string_view kDropInName = "50-order.conf";
constexpr std::string_view kHeader = "# Written by bootstorm-generator from the boot plan.\n";

std::string DropInPath(std::string_view unit) { return fmt::format("{}.d/{}", unit, kDropInName); }

/// Wants and waits for the config drive's device.
std::string AfterConfigDrive() {
  return fmt::format("Wants={0}\nAfter={0}\n", kConfigDriveDeviceUnit);
}

/// Under late-config the drive arrives after NetworkManager: local must not
/// wait for it, the network stage does.
std::string LocalOrdering(const BootPlan& plan) {
  std::string drive = plan.HasFault(kFaultLateConfig) ? "" : AfterConfigDrive();
  if (plan.HasFault(kFaultLocalAfterOnline)) {
    return "[Unit]\nDefaultDependencies=no\nWants=network-online.target\n"
           "After=local-fs.target bootstorm-early.service NetworkManager.service "
           "network-online.target\n" +
           drive;
  }
  if (plan.HasFault(kFaultNmBeforeLocal)) {
    return "[Unit]\nDefaultDependencies=no\n"
           "After=local-fs.target bootstorm-early.service NetworkManager.service\n" +
           drive;
  }
  return "[Unit]\nDefaultDependencies=no\nWants=network-pre.target\n"
         "After=local-fs.target bootstorm-early.service\n" +
         drive + "Before=network-pre.target NetworkManager.service\n";
}

// network-online.target is only wanted by final: the network stage orders
// itself before it but does not pull it in.
std::string NetworkOrdering(const BootPlan& plan) {
  std::string after = plan.HasFault(kFaultNetworkBeforeNm)
                          ? "After=bootstorm-local.service dbus.service\n"
                          : "After=NetworkManager.service bootstorm-local.service dbus.service\n";
  std::string drive = plan.HasFault(kFaultLateConfig) ? AfterConfigDrive() : "";
  // With local after network-online, network (after local) cannot also come
  // before network-online: that would be a cycle.
  std::string before =
      plan.HasFault(kFaultLocalAfterOnline) ? "" : "Before=network-online.target\n";
  return "[Unit]\n" + after + drive + before;
}

/// "A B C" of `units`.
std::string UnitList(std::span<const std::string_view> units) {
  return fmt::format("{}", fmt::join(units, " "));
}

// The checkpoints around cloud-init's units. Both releases' unit names are
// listed: an ordering on a unit the image lacks is no ordering. None of
// these adds an edge to cloud-init's units that they do not already allow
// (early needs only the root file system remounted, as cloud-init-local
// does), so no ordering cycle can come from them.
std::map<std::string, std::string> CloudInitCheckpointDropIns() {
  constexpr std::string_view kBeforeCloudInit[] = {kUnitCloudInitMain, kUnitCloudInitLocal,
                                                   kUnitNetworkManager};
  constexpr std::string_view kNetworkStages[] = {kUnitCloudInitNetwork22, kUnitCloudInitNetwork};
  std::map<std::string, std::string> drop_ins;
  drop_ins[DropInPath(kUnitEarly)] =
      fmt::format("{}[Unit]\nDefaultDependencies=no\nAfter=systemd-remount-fs.service\nBefore={}\n",
                  kHeader, UnitList(kBeforeCloudInit));
  drop_ins[DropInPath(kUnitNetwork)] = fmt::format("{}[Unit]\nDefaultDependencies=no\nAfter={}\n",
                                                   kHeader, UnitList(kNetworkStages));
  drop_ins[DropInPath(kUnitFinal)] =
      fmt::format("{}[Unit]\nWants={}\nAfter={} {} {}\n", kHeader, kTargetNetworkOnline,
                  kTargetNetworkOnline, kUnitCloudFinal, kUnitNetwork);
  // cloud-final is After=multi-user.target: a final stage wanted by that
  // target (which orders itself after what it wants) would close a cycle.
  // The image leaves the final stage out of multi-user.target; cloud-final
  // pulls it in.
  drop_ins[DropInPath(kUnitCloudFinal)] = fmt::format("{}[Unit]\nWants={}\n", kHeader, kUnitFinal);
  return drop_ins;
}

// Fault ordering-cycle: a unit both before and after the early checkpoint,
// which early wants.
std::map<std::string, std::string> OrderingCycleUnits() {
  constexpr std::string_view kCycleUnit = "bootstorm-cycle.service";
  return {{std::string(kCycleUnit),
           fmt::format("{}[Unit]\nDefaultDependencies=no\nAfter={}\nBefore={}\n\n[Service]\n"
                       "Type=oneshot\nExecStart=/bin/true\n",
                       kHeader, kUnitEarly, kUnitEarly)},
          {fmt::format("{}.d/60-cycle.conf", kUnitEarly),
           fmt::format("{}[Unit]\nWants={}\n", kHeader, kCycleUnit)}};
}

std::map<std::string, std::string> CheckpointDropIns(const BootPlan& plan) {
  if (plan.activator == Activator::kCloudInit) return CloudInitCheckpointDropIns();
  std::map<std::string, std::string> drop_ins;
  drop_ins[DropInPath("bootstorm-early.service")] =
      std::string(kHeader) +
      "[Unit]\nDefaultDependencies=no\nAfter=local-fs.target\n"
      "Before=NetworkManager.service bootstorm-local.service\n";
  drop_ins[DropInPath("bootstorm-local.service")] = std::string(kHeader) + LocalOrdering(plan);
  drop_ins[DropInPath("bootstorm-network.service")] = std::string(kHeader) + NetworkOrdering(plan);
  if (plan.HasFault(kFaultLateConfig)) {
    // Bounds the network stage's wait for a drive that never comes; systemd
    // then starts the stage anyway (Wants=), which fails for the missing drive.
    drop_ins[DropInPath(kConfigDriveDeviceUnit)] =
        fmt::format("{}[Unit]\nJobRunningTimeoutSec={}\n", kHeader, kLateConfigDriveTimeoutSeconds);
  }
  drop_ins[DropInPath("bootstorm-final.service")] =
      std::string(kHeader) +
      "[Unit]\nWants=network-online.target\n"
      "After=network-online.target bootstorm-network.service\n";
  return drop_ins;
}

}  // namespace

std::map<std::string, std::string> RenderOrderingDropIns(const BootPlan& plan) {
  std::map<std::string, std::string> drop_ins = CheckpointDropIns(plan);
  if (plan.HasFault(kFaultOrderingCycle)) drop_ins.merge(OrderingCycleUnits());
  return drop_ins;
}

}  // namespace bootstorm
