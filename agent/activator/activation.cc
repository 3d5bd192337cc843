#include "activation.h"

namespace bootstorm {
namespace {

using std::chrono::seconds;

// nmcli waits up to 90 s for an activation by default; allow a little more.
constexpr seconds kConnectionUpTimeout{100};
constexpr seconds kNmRestartTimeout{90};
// NM answers in well under a second on an idle guest; under TCG on a loaded
// host `nmcli general status` was measured taking over 10 s.
// A step that talks to NM is tried again when NM was gone (killed, restarting):
// the network stage waits until NM answers before each retry.
constexpr int kNmRetries = 2;

CommandStep Retried(CommandStep step) {
  step.retries = kNmRetries;
  return step;
}

}  // namespace

bool ActivationNeeded(const LocalState& state) {
  return state.nm_running_at_render && state.nm_files_changed;
}

std::string ActivationReason(const LocalState& state) {
  if (!state.nm_running_at_render)
    return "NM was not running when local rendered: it read the files at start (renderer path)";
  if (!state.nm_files_changed) return "no NM file changed since NM read them";
  return "NM was running when local rendered and NM files changed";
}

CommandStep ConnectionUp(std::string_view key, const std::string& value) {
  return {{"nmcli", "connection", "up", std::string(key), value}, kConnectionUpTimeout};
}

std::vector<CommandStep> ActivationCommands(Activator activator,
                                            const std::vector<ConnectionFile>& connections) {
  std::vector<CommandStep> steps;
  switch (activator) {
    case Activator::kReference:
      // Logged for the record (as cloud-init does), not needed to activate.
      steps.push_back({{"nmcli", "-t", "general", "status"}, kNmCallTimeout, false});
      steps.push_back(Retried(
          {{"systemctl", "try-reload-or-restart", "NetworkManager.service"}, kNmRestartTimeout}));
      steps.push_back(Retried({{"nmcli", "connection", "reload"}, kNmCallTimeout}));
      for (const ConnectionFile& c : connections)
        steps.push_back(Retried(ConnectionUp("id", c.id)));
      break;
    case Activator::kLegacyInterfaces:
    case Activator::kLegacyFinalRestart:
      for (const ConnectionFile& c : connections) {
        steps.push_back({{"nmcli", "connection", "load", c.keyfile}, kNmCallTimeout});
        steps.push_back(
            {{"nmcli", "connection", "up", "filename", c.keyfile}, kConnectionUpTimeout});
      }
      break;
    case Activator::kNone:
    case Activator::kCloudInit:  // cloud-init activates; the agent observes
      break;
  }
  return steps;
}

}  // namespace bootstorm
