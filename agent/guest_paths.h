// Fixed places in the guest that the agent's stages share.
#pragma once

#include <string_view>

namespace bootstorm {

/// Per-boot agent state (tmpfs, so it starts empty every boot).
inline constexpr std::string_view kRunDir = "/run/bootstorm";
inline constexpr std::string_view kAgentLogPath = "/run/bootstorm/agent.log";
/// What the local stage rendered, for the network and final stages.
inline constexpr std::string_view kLocalStatePath = "/run/bootstorm/state.json";
inline constexpr std::string_view kConfigDriveMount = "/run/bootstorm/config-drive";
inline constexpr std::string_view kConfigDriveDevice = "/dev/disk/by-label/config-2";
inline constexpr std::string_view kProbePortPath = "/dev/virtio-ports/org.bootstorm.probe.0";
inline constexpr std::string_view kResolvConfPath = "/etc/resolv.conf";
inline constexpr std::string_view kKernelCmdlinePath = "/proc/cmdline";

}  // namespace bootstorm
