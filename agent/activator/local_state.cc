#include "local_state.h"

#include "strict_json.h"

namespace bootstorm {

bool NmProcessRunning(std::string_view active_state) {
  return active_state == "active" || active_state == "activating" || active_state == "reloading";
}

nlohmann::json ToJson(const LocalState& state) {
  nlohmann::json connections = nlohmann::json::array();
  for (const ConnectionFile& c : state.connections)
    connections.push_back({{"id", c.id}, {"keyfile", c.keyfile}});
  return {{"nm_running_at_render", state.nm_running_at_render},
          {"nm_files_changed", state.nm_files_changed},
          {"connections", connections}};
}

LocalState ParseLocalState(std::string_view text) {
  nlohmann::json j = ParseJsonText(text, "state");
  StrictObject o(j, "state");
  LocalState state;
  state.nm_running_at_render = o.Boolean("nm_running_at_render");
  state.nm_files_changed = o.Boolean("nm_files_changed");
  const nlohmann::json& connections = o.Array("connections");
  for (std::size_t i = 0; i < connections.size(); ++i) {
    StrictObject c(connections[i], ElementPath(o.PathOf("connections"), i));
    state.connections.push_back({c.String("id"), c.String("keyfile")});
    c.Finish();
  }
  o.Finish();
  return state;
}

}  // namespace bootstorm
