// `bootstorm recheck RUN_DIR`.
#include <memory>

#include "command.h"
#include "recheck_command.h"

namespace bootstorm {

Command RegisterRecheckCommand(CLI::App& app) {
  auto dir = std::make_shared<std::filesystem::path>();
  CLI::App* cmd = app.add_subcommand(
      "recheck", "run every check again on a run's stored observations; say which verdicts differ");
  cmd->add_option("run_dir", *dir, "the run's folder")->required();
  return {cmd, [dir](Cancellation&) { return RecheckCommand(*dir); }};
}

}  // namespace bootstorm
