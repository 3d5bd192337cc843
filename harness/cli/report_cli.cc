// `bootstorm report RUN_DIR`.
#include <memory>

#include "command.h"
#include "report_command.h"

namespace bootstorm {

Command RegisterReportCommand(CLI::App& app) {
  auto dir = std::make_shared<std::filesystem::path>();
  CLI::App* cmd = app.add_subcommand(
      "report", "(re)write a run folder's reports (JUnit XML, Markdown) from its results.json");
  cmd->add_option("run_dir", *dir, "the run's folder")->required();
  return {cmd, [dir](Cancellation&) { return ReportCommand(*dir); }};
}

}  // namespace bootstorm
