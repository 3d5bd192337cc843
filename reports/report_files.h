// The report files bootstorm writes: per run folder (`bootstorm run`,
// `bootstorm report`) and per suite (`bootstorm verify`), each a file name
// and the pure renderer behind it. reports/README.md describes each file.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "run_statistics.h"

namespace bootstorm {

/// A report of one run folder.
struct RunReportFile {
  const char* name;
  std::string (*render)(const RunRecord& run, const std::filesystem::path& run_dir);
};
/// Every report of a run folder, in the order they are written.
std::span<const RunReportFile> RunReportFiles();

/// A combined report of several runs.
struct SuiteReportFile {
  const char* name;
  std::string (*render)(std::span<const ReportedRun> runs, std::string_view title);
};
std::span<const SuiteReportFile> SuiteReportFiles();

/// Reads `run_dir`/results.json and (re)writes every RunReportFiles() file
/// there, each atomically. The same folder gives the same bytes every time.
/// Returns the files written. Throws std::invalid_argument naming the file
/// when results.json is missing or invalid, std::runtime_error on I/O errors.
std::vector<std::filesystem::path> WriteRunReports(const std::filesystem::path& run_dir);

/// Writes every SuiteReportFiles() file of `runs` into `dir`, atomically;
/// returns the files written. Throws std::runtime_error on I/O errors.
std::vector<std::filesystem::path> WriteSuiteReports(std::span<const ReportedRun> runs,
                                                     std::string_view title,
                                                     const std::filesystem::path& dir);

}  // namespace bootstorm
