// `bootstorm replay RUN_DIR --vm N`.
#include <memory>

#include "command.h"
#include "replay_command.h"

namespace bootstorm {

Command RegisterReplayCommand(CLI::App& app) {
  auto options = std::make_shared<ReplayOptions>();
  CLI::App* cmd = app.add_subcommand(
      "replay", "rerun exactly the stored plans of one VM of a recorded run; say if it reproduced");
  cmd->add_option("run_dir", options->dir, "the recorded run's folder")->required();
  cmd->add_option("--vm", options->vm, "the VM to rerun")->required();
  cmd->add_option("--boot", options->boot,
                  "rerun boots 1 to this one (default: every recorded boot)");
  cmd->add_option("--out", options->out,
                  "run directory (default bootstorm-runs/<scenario>-replay-<id>)");
  cmd->add_option("--connect", options->connect, "libvirt URI (default: the host the VM ran on)");
  return {cmd, [options](Cancellation& c) { return ReplayCommand(*options, c); }};
}

}  // namespace bootstorm
