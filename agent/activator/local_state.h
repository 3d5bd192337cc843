// What the local stage rendered and under which conditions: written to
// /run/bootstorm/state.json by `local`, read by `network` and `final`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

struct ConnectionFile {
  std::string id;       ///< NM connection id
  std::string keyfile;  ///< absolute path
  bool operator==(const ConnectionFile&) const = default;
};

struct LocalState {
  /// NM was already running when the files were written, so it did not read them.
  bool nm_running_at_render = false;
  /// A keyfile or the conf.d file differs from what was there before.
  bool nm_files_changed = false;
  std::vector<ConnectionFile> connections;
  bool operator==(const LocalState&) const = default;
};

/// Whether a systemd ActiveState of NetworkManager.service means its process
/// is up and has read its configuration (active, activating, reloading).
bool NmProcessRunning(std::string_view active_state);

nlohmann::json ToJson(const LocalState& state);
/// Throws std::invalid_argument naming the JSON path on malformed text.
LocalState ParseLocalState(std::string_view text);

}  // namespace bootstorm
