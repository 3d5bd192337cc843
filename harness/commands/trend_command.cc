#include "trend_command.h"

#include <fmt/format.h>

#include "atomic_file.h"
#include "results_json.h"
#include "trend.h"

namespace bootstorm {

ExitCode TrendCommand(const std::vector<std::filesystem::path>& run_dirs,
                      const std::filesystem::path& out) {
  std::vector<ReportedRun> runs;
  for (const std::filesystem::path& dir : run_dirs) {
    if (!std::filesystem::is_directory(dir))
      throw BadInput(dir.string() + ": not a folder (give run folders)");
    runs.push_back({ReadResultsJson(dir / "results.json"), dir});
  }
  Trend trend = ComputeTrend(runs);
  std::filesystem::create_directories(out);
  WriteFileAtomically(out / "trend.md", RenderTrendMarkdown(trend));
  WriteFileAtomically(out / "trend.html", RenderTrendHtml(trend));
  fmt::print("{}\n{}\n", (out / "trend.md").string(), (out / "trend.html").string());
  return ExitCode::kPass;
}

}  // namespace bootstorm
