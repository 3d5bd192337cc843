// `bootstorm report RUN_DIR`: renders a run folder's reports again from its
// results.json (reports/report_files.h), as `bootstorm run` does at its end.
#pragma once

#include <filesystem>

#include "exit_code.h"

namespace bootstorm {

/// (Re)writes the reports of the run in `run_dir` and prints each file's
/// path; twice on the same folder gives the same bytes. Returns kPass. Throws
/// BadInput naming the path when `run_dir` is not a run folder
/// or its results.json is invalid (exit 2), std::runtime_error on I/O errors.
ExitCode ReportCommand(const std::filesystem::path& run_dir);

}  // namespace bootstorm
