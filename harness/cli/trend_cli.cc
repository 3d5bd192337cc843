// `bootstorm trend RUN_DIR... [--out DIR]`.
#include <memory>
#include <vector>

#include "command.h"
#include "trend_command.h"

namespace bootstorm {

Command RegisterTrendCommand(CLI::App& app) {
  struct Flags {
    std::vector<std::filesystem::path> dirs;
    std::filesystem::path out = ".";
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "trend", "pass rate, bound and flaky failures across runs (trend.md, trend.html)");
  cmd->add_option("run_dirs", flags->dirs, "the runs' folders")->required();
  cmd->add_option("--out", flags->out, "folder for trend.md and trend.html (default .)");
  return {cmd, [flags](Cancellation&) { return TrendCommand(flags->dirs, flags->out); }};
}

}  // namespace bootstorm
