// A Markdown summary of recorded runs, fit for release notes: per scenario
// boots and pass rate with the 95% upper bound on the failure probability,
// per invariant pass or fail with its bound, SUT failures by invariant with
// replay commands, infra errors, the detection matrix when the runs cover
// several scenarios and activators, and the environment. Pure: the same
// records give the same bytes.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "run_statistics.h"

namespace bootstorm {

/// The report of `runs` under the heading `title`. The invariant verdicts
/// count the boots of runs that expect "pass"; runs that expect "detect"
/// appear in the scenario lines and the matrix only. Guest text is escaped
/// so that it shows as text.
std::string RenderMarkdownReport(std::span<const ReportedRun> runs, std::string_view title);

/// The report of one run in `run_dir`, titled after its scenario.
std::string RenderRunMarkdownReport(const RunRecord& run, const std::filesystem::path& run_dir);

/// `text` as Markdown inline text that shows literally: one line, controls
/// dropped, Markdown and HTML punctuation backslash-escaped.
std::string MarkdownText(std::string_view text);

}  // namespace bootstorm
