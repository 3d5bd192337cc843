#include "report_files.h"

#include "atomic_file.h"
#include "html_report.h"
#include "junit_report.h"
#include "markdown_report.h"
#include "results_json.h"

namespace bootstorm {

std::span<const RunReportFile> RunReportFiles() {
  static constexpr RunReportFile kFiles[] = {
      {"report.junit.xml", RenderRunJunitReport},
      {"report.md", RenderRunMarkdownReport},
      {"report.html", RenderHtmlReport},
  };
  return kFiles;
}

std::span<const SuiteReportFile> SuiteReportFiles() {
  static constexpr SuiteReportFile kFiles[] = {
      {"report.junit.xml",
       [](std::span<const ReportedRun> runs, std::string_view) { return RenderJunitReport(runs); }},
      {"report.md", RenderMarkdownReport},
      // Each scenario's folder has its own report.html; the suite has none yet.
  };
  return kFiles;
}

std::vector<std::filesystem::path> WriteRunReports(const std::filesystem::path& run_dir) {
  RunRecord run = ReadResultsJson(run_dir / "results.json");
  std::vector<std::filesystem::path> written;
  for (const RunReportFile& f : RunReportFiles()) {
    WriteFileAtomically(run_dir / f.name, f.render(run, run_dir));
    written.push_back(run_dir / f.name);
  }
  return written;
}

std::vector<std::filesystem::path> WriteSuiteReports(std::span<const ReportedRun> runs,
                                                     std::string_view title,
                                                     const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> written;
  for (const SuiteReportFile& f : SuiteReportFiles()) {
    WriteFileAtomically(dir / f.name, f.render(runs, title));
    written.push_back(dir / f.name);
  }
  return written;
}

}  // namespace bootstorm
