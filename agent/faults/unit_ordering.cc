#include "unit_ordering.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <span>
#include <sstream>

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

std::string_view Trimmed(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r";
  std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

/// A `key=values` line without the values in `removed`; "" when none is left.
std::string WithoutValues(std::string_view key, std::string_view values,
                          const std::vector<std::string_view>& removed) {
  std::istringstream in{std::string(values)};
  std::vector<std::string> kept;
  for (std::string v; in >> v;)
    if (std::find(removed.begin(), removed.end(), v) == removed.end()) kept.push_back(v);
  if (kept.empty()) return "";
  return fmt::format("{}={}", key, fmt::join(kept, " "));
}

}  // namespace

std::string RewriteUnitOrdering(std::string_view unit_text, const UnitOrderingEdit& edit) {
  std::string out;
  bool in_unit = false, saw_unit = false, added = false;
  auto add_once = [&] {
    if (!added) out += edit.add;
    added = true;
  };
  std::istringstream in{std::string(unit_text)};
  for (std::string line; std::getline(in, line);) {
    std::string_view trimmed = Trimmed(line);
    if (trimmed.starts_with('[')) {
      if (in_unit) add_once();
      in_unit = trimmed == "[Unit]";
      saw_unit = saw_unit || in_unit;
      out += line + "\n";
      continue;
    }
    std::size_t eq = trimmed.find('=');
    std::string_view key = eq == std::string_view::npos ? "" : Trimmed(trimmed.substr(0, eq));
    if (in_unit && key == "Before") {
      std::string kept = WithoutValues(key, trimmed.substr(eq + 1), edit.remove_before);
      if (!kept.empty()) out += kept + "\n";
      continue;
    }
    out += line + "\n";
  }
  if (in_unit) add_once();
  if (!saw_unit) out = "[Unit]\n" + edit.add + out;
  return out;
}

std::map<std::string, std::string> RenderCloudInitReorderedUnits(const BootPlan& plan,
                                                                 const UnitFileReader& read_unit) {
  std::map<std::string, std::string> units;
  if (plan.activator != Activator::kCloudInit) return units;
  bool local_after_online = plan.HasFault(kFaultLocalAfterOnline);
  if (!plan.HasFault(kFaultNmBeforeLocal) && !local_after_online) return units;
  UnitOrderingEdit local{
      .remove_before = {kUnitNetworkManager, "network-pre.target", "sysinit.target"},
      .add = fmt::format("After={}\n", kUnitNetworkManager)};
  UnitOrderingEdit network{.remove_before = {"sysinit.target"}, .add = ""};
  if (local_after_online) {
    local.add += fmt::format("Wants={0}\nAfter={0}\n", kTargetNetworkOnline);
    network.remove_before.push_back(kTargetNetworkOnline);
  }
  auto rewrite = [&](std::string_view unit, const UnitOrderingEdit& edit) {
    std::string text = read_unit(unit);
    if (text.empty()) return;
    units[std::string(unit)] = std::string(kHeader) +
                               "# The image's unit with the boot plan's ordering fault applied.\n" +
                               RewriteUnitOrdering(text, edit);
  };
  rewrite(kUnitCloudInitLocal, local);
  rewrite(kUnitCloudInitNetwork22, network);
  rewrite(kUnitCloudInitNetwork, network);
  return units;
}

std::map<std::string, std::string> RenderOrderingDropIns(const BootPlan& plan) {
  std::map<std::string, std::string> drop_ins = CheckpointDropIns(plan);
  if (plan.HasFault(kFaultOrderingCycle)) drop_ins.merge(OrderingCycleUnits());
  return drop_ins;
}

}  // namespace bootstorm
