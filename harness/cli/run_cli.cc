// `bootstorm run SCENARIO` and `bootstorm run --resume DIR`.
#include <memory>

#include "command.h"
#include "common.h"
#include "resume_command.h"
#include "run_command.h"

namespace bootstorm {

Command RegisterRunCommand(CLI::App& app) {
  struct Flags {
    RunFlags run;
    ResumeOptions resume;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("run", "run a scenario");
  cmd->add_option("scenario", flags->run.options.scenario, "scenario file (JSON)");
  cmd->add_option("--out", flags->run.options.out,
                  "run directory (default bootstorm-runs/<scenario>-<id>)");
  flags->run.Add(cmd);
  cmd->add_option("--activator", flags->run.options.activator,
                  "override the scenario's activator (reference, legacy-interfaces, "
                  "legacy-final-restart, none; a cloud-init image runs cloud-init)");
  CLI::Option* resume = cmd->add_option(
      "--resume", flags->resume.dir,
      "continue the killed or interrupted run in this folder (with --jobs, --timeout, --retries)");
  for (const char* fixed_by_the_run : {"scenario", "--out", "--connect", "--image", "--activator"})
    resume->excludes(cmd->get_option(fixed_by_the_run));

  return {cmd, [flags, cmd](Cancellation& cancellation) {
            if (!flags->resume.dir.empty()) {
              ResumeOptions resume = flags->resume;
              resume.jobs = flags->run.options.jobs;
              resume.timeout_seconds = flags->run.options.timeout_seconds;
              if (cmd->count("--retries")) resume.infra_retries = flags->run.options.infra_retries;
              return ResumeRunCommand(resume, cancellation);
            }
            return RunScenarioCommand(flags->run.Resolve(), cancellation);
          }};
}

}  // namespace bootstorm
