#include "render_config.h"

#include <fmt/format.h>
#include <unistd.h>

#include <thread>

#include "files.h"
#include "guest_paths.h"
#include "local_state.h"
#include "network_data.h"
#include "nm_keyfile.h"
#include "resolv_conf.h"
#include "run_steps.h"

namespace bootstorm {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMaxConfigFileBytes = 1024 * 1024;

bool WaitForDevice(const std::string& path, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (access(path.c_str(), F_OK) != 0) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(200ms);
  }
  return true;
}

// Mounts the drive read-only unless an earlier run of the stage already did.
bool MountConfigDrive(const AgentLog& log) {
  std::string mount_point(kConfigDriveMount);
  if (access((mount_point + "/openstack").c_str(), F_OK) == 0) return true;
  MakeDirectories(mount_point);
  return RunLoggedStep({{"mount", "-t", "iso9660", "-o", "ro,nosuid,nodev,noexec",
                         std::string(kConfigDriveDevice), mount_point},
                        30s},
                       log);
}

// Reads one config drive file; throws std::invalid_argument naming it.
std::string ReadDriveFile(std::string_view relative) {
  std::string path = fmt::format("{}/{}", kConfigDriveMount, relative);
  std::optional<std::string> text = ReadFileBounded(path, kMaxConfigFileBytes);
  if (!text) throw std::invalid_argument(path + ": cannot read");
  return *text;
}

// Writes one file when it differs and logs the outcome; returns whether it changed.
bool Install(const std::string& path, const std::string& content, mode_t mode,
             const AgentLog& log) {
  MakeDirectories(path.substr(0, path.rfind('/')));
  bool changed = ReplaceFileIfDifferent(path, content, mode);
  log.Write(fmt::format("{} {}", changed ? "wrote" : "unchanged", path));
  return changed;
}

}  // namespace

bool ConfigDrivePresent() { return access(std::string(kConfigDriveDevice).c_str(), F_OK) == 0; }

bool RenderConfigDrive(std::string_view nm_active_state, std::chrono::seconds drive_timeout,
                       const AgentLog& log) {
  LocalState state;
  state.nm_running_at_render = NmProcessRunning(nm_active_state);
  if (!WaitForDevice(std::string(kConfigDriveDevice), drive_timeout)) {
    log.Write(fmt::format("error: config drive {} did not appear within {} s", kConfigDriveDevice,
                          drive_timeout.count()));
    return false;
  }
  if (!MountConfigDrive(log)) {
    log.Write("error: cannot mount the config drive");
    return false;
  }
  NetworkData network;
  try {
    MetaData meta = ParseMetaData(ReadDriveFile("openstack/latest/meta_data.json"));
    log.Write(fmt::format("instance {} hostname '{}'", meta.uuid, meta.hostname));
    network = ParseNetworkData(ReadDriveFile("openstack/latest/network_data.json"));
  } catch (const std::invalid_argument& e) {
    log.Write(fmt::format("error: config drive: {}", e.what()));
    return false;
  }

  try {
    for (const RenderedConnection& c : RenderKeyfiles(network)) {
      std::string path = fmt::format("{}/{}", kNmKeyfileDir, c.file_name);
      state.nm_files_changed |= Install(path, c.content, 0600, log);
      state.connections.push_back({c.id, path});
    }
    state.nm_files_changed |=
        Install(std::string(kNmDnsNoneConfPath), std::string(kNmDnsNoneConf), 0644, log);
    Install(std::string(kResolvConfPath), RenderResolvConf(network.dns), 0644, log);
    ReplaceFileIfDifferent(std::string(kLocalStatePath), ToJson(state).dump(2) + "\n", 0644);
  } catch (const std::system_error& e) {
    log.Write(fmt::format("error: {}", e.what()));
    return false;
  }
  log.Write(fmt::format("done: {} connection(s), NM files {}, NM running at render: {}",
                        state.connections.size(), state.nm_files_changed ? "changed" : "unchanged",
                        state.nm_running_at_render));
  return true;
}

}  // namespace bootstorm
