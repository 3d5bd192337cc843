// Fixed places in the guest that the agent's stages share.
#pragma once

#include <string_view>

namespace bootstorm {

/// Where the image installs the agent (agent/image/build-image).
inline constexpr std::string_view kAgentBinaryPath = "/usr/local/bin/bootstorm-agent";
/// Per-boot agent state (tmpfs, so it starts empty every boot).
inline constexpr std::string_view kRunDir = "/run/bootstorm";
inline constexpr std::string_view kAgentLogPath = "/run/bootstorm/agent.log";
/// What the local stage rendered, for the network and final stages.
inline constexpr std::string_view kLocalStatePath = "/run/bootstorm/state.json";
/// The faults the agent injected this boot, one JSON line each (fault_events.h).
inline constexpr std::string_view kFaultEventsPath = "/run/bootstorm/faults.jsonl";
inline constexpr std::string_view kConfigDriveMount = "/run/bootstorm/config-drive";
inline constexpr std::string_view kConfigDriveDevice = "/dev/disk/by-label/config-2";
/// The probe's virtio-serial port (virtio_port.h finds its device).
inline constexpr std::string_view kProbePortName = "org.bootstorm.probe.0";
inline constexpr std::string_view kResolvConfPath = "/etc/resolv.conf";
inline constexpr std::string_view kKernelCmdlinePath = "/proc/cmdline";
/// The firmware's SMBIOS structure table: the plan's OEM string when the
/// guest boots from its own boot loader (smbios_oem.h).
inline constexpr std::string_view kSmbiosTablePath = "/sys/firmware/dmi/tables/DMI";
/// cloud-init's log (activator cloud-init: the probe ships its network lines).
inline constexpr std::string_view kCloudInitLogPath = "/var/log/cloud-init.log";

}  // namespace bootstorm
