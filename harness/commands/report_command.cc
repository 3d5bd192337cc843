#include "report_command.h"

#include <fmt/format.h>

#include <stdexcept>

#include "exit_code.h"
#include "report_files.h"

namespace bootstorm {

ExitCode ReportCommand(const std::filesystem::path& run_dir) {
  if (!std::filesystem::is_directory(run_dir))
    throw BadInput(run_dir.string() + ": not a folder (give a run folder)");
  for (const std::filesystem::path& file : WriteRunReports(run_dir))
    fmt::print("{}\n", file.string());
  return ExitCode::kPass;
}

}  // namespace bootstorm
