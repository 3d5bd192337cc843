// `bootstorm trend RUN_DIR... [--out DIR]`: the trend across recorded runs
// (reports/trend.h) written as trend.md and trend.html.
#pragma once

#include <filesystem>
#include <vector>

#include "exit_code.h"

namespace bootstorm {

/// Reads each folder's results.json, writes DIR/trend.md and DIR/trend.html
/// (creating DIR) and prints their paths. Returns kPass. Throws
/// BadInput naming the path when a folder is not a run folder
/// or its results.json is invalid (exit 2), std::runtime_error on I/O errors.
ExitCode TrendCommand(const std::vector<std::filesystem::path>& run_dirs,
                      const std::filesystem::path& out);

}  // namespace bootstorm
