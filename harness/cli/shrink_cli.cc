// `bootstorm shrink RUN_DIR --vm N`.
#include <memory>

#include "command.h"
#include "shrink_command.h"

namespace bootstorm {

Command RegisterShrinkCommand(CLI::App& app) {
  auto options = std::make_shared<ShrinkOptions>();
  CLI::App* cmd = app.add_subcommand(
      "shrink", "remove faults from a failed VM's plans while the failure reproduces (ddmin)");
  cmd->add_option("run_dir", options->dir, "the recorded run's folder")->required();
  cmd->add_option("--vm", options->vm, "the failed VM")->required();
  cmd->add_option(
      "--out", options->out,
      "folder of the trial runs (default bootstorm-runs/<scenario>-<run id>-vm<N>-shrink)");
  cmd->add_option("--connect", options->connect, "libvirt URI (default: the host the VM ran on)");
  return {cmd, [options](Cancellation& c) { return ShrinkCommand(*options, c); }};
}

}  // namespace bootstorm
