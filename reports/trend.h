// Trend across runs (`bootstorm trend RUN_DIR...`): per scenario and
// invariant the failures per run and over all runs with the 95% bound, and
// the failures that look flaky. Pure: reads parsed run records, renders.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "run_statistics.h"

namespace bootstorm {

/// One run's tally of one invariant of one scenario.
struct TrendPoint {
  std::string run_id;
  int checked = 0;
  int failed = 0;
  int not_applicable = 0;  ///< judged boots it did not apply to: not in `checked`
  bool operator==(const TrendPoint&) const = default;
};

struct TrendRow {
  std::string scenario;
  std::string invariant;
  std::vector<TrendPoint> points;  ///< in the order the runs were given
  InvariantTally total;            ///< over all runs
  bool operator==(const TrendRow&) const = default;
};

struct Trend {
  std::vector<TrendRow> rows;  ///< by scenario, then invariant, in order of first appearance
  /// Why a failure looks flaky, one line each: the same plan of a scenario
  /// both passed and failed (across runs or VMs), or a boot passed or failed
  /// only after retried infra errors.
  std::vector<std::string> flaky;
};

Trend ComputeTrend(std::span<const ReportedRun> runs);

/// Markdown: a table per row (pass rate per run, failures over all and the
/// bound; boots the invariant did not apply to counted apart, as "n/a in N
/// boots") and the flaky list.
std::string RenderTrendMarkdown(const Trend& trend);

/// A self-contained HTML page (no script; the same CSP as report.html) with
/// an inline SVG chart of each row's pass rate per run.
std::string RenderTrendHtml(const Trend& trend);

}  // namespace bootstorm
