// `bootstorm verify SUITE --out DIR`.
#include <memory>

#include "command.h"
#include "common.h"
#include "verify_command.h"

namespace bootstorm {

Command RegisterVerifyCommand(CLI::App& app) {
  struct Flags {
    RunFlags run;
    VerifyOptions verify;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "run every scenario of a suite (scenarios/suites/*.json) and write one combined report");
  cmd->add_option("suite", flags->verify.suite, "suite file (JSON)")->required();
  cmd->add_option("--out", flags->verify.out, "folder for the scenarios' runs and the report")
      ->required();
  flags->run.Add(cmd);
  return {cmd, [flags](Cancellation& cancellation) {
            VerifyOptions verify = flags->verify;
            verify.run = flags->run.Resolve();
            return VerifyCommand(verify, cancellation);
          }};
}

}  // namespace bootstorm
