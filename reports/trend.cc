#include "trend.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "failure_bound.h"
#include "markdown_report.h"
#include "pass_rate.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

TrendRow& RowOf(Trend& t, const std::string& scenario, const std::string& invariant) {
  auto it = std::find_if(t.rows.begin(), t.rows.end(), [&](const TrendRow& r) {
    return r.scenario == scenario && r.invariant == invariant;
  });
  if (it != t.rows.end()) return *it;
  return t.rows.emplace_back(TrendRow{scenario, invariant, {}, {invariant, 0, 0}});
}

std::string PassRate(int checked, int failed) {
  return checked == 0 ? "n/a" : fmt::format("{:.1f}%", 100.0 * (checked - failed) / checked);
}

std::string Bound(const InvariantTally& t) {
  return FormatFailureUpperBound(FailureUpperBound(t.failed, t.checked));
}

void FindFlaky(std::span<const ReportedRun> runs, Trend& t) {
  // Per scenario and plan (its JSON without the run id and VM, so a replay,
  // which reruns a VM's plans as a new run, meets the boots it replays),
  // where it passed and where it failed.
  struct Seen {
    std::string passed, failed;
  };
  std::map<std::pair<std::string, std::string>, Seen> plans;
  for (const ReportedRun& r : runs) {
    for (const VmRecord& vm : r.record.vms) {
      for (const BootRecord& b : vm.boots) {
        std::string where = fmt::format("run {} vm {} boot {}", r.record.run_id, vm.vm, b.boot);
        if (!b.retried_infra_errors.empty() && b.outcome != Outcome::kInfraError)
          t.flaky.push_back(fmt::format("{}: {} {} after {} retried infra error(s)",
                                        r.record.scenario_name, where, OutcomeName(b.outcome),
                                        b.retried_infra_errors.size()));
        if (b.outcome == Outcome::kInfraError) continue;
        BootPlan plan = b.plan;
        plan.run_id.clear();
        plan.vm = 0;
        Seen& s = plans[{r.record.scenario_name, ToJson(plan).dump()}];
        std::string& slot = b.outcome == Outcome::kPass ? s.passed : s.failed;
        if (slot.empty()) slot = where;
      }
    }
  }
  for (const auto& [key, s] : plans) {
    if (!s.passed.empty() && !s.failed.empty())
      t.flaky.push_back(fmt::format("{}: the same plan passed in {} and failed in {}", key.first,
                                    s.passed, s.failed));
  }
}

}  // namespace

Trend ComputeTrend(std::span<const ReportedRun> runs) {
  Trend t;
  for (const ReportedRun& r : runs) {
    for (const InvariantTally& i : TallyBoots(r.record).invariants) {
      TrendRow& row = RowOf(t, r.record.scenario_name, i.name);
      row.points.push_back({r.record.run_id, i.checked, i.failed, i.not_applicable});
      row.total.checked += i.checked;
      row.total.failed += i.failed;
      row.total.not_applicable += i.not_applicable;
    }
  }
  FindFlaky(runs, t);
  return t;
}

std::string RenderTrendMarkdown(const Trend& trend) {
  std::string md =
      "# bootstorm trend\n\n| scenario | invariant | pass rate per run | failed | boots checked "
      "| failure probability (95% upper bound) |\n|---|---|---|---|---|---|\n";
  for (const TrendRow& r : trend.rows) {
    std::string per_run;
    for (const TrendPoint& p : r.points)
      per_run += (per_run.empty() ? "" : ", ") +
                 fmt::format("{} {}", MarkdownText(p.run_id), PassRate(p.checked, p.failed));
    md += fmt::format("| {} | {} | {} | {} | {}{} | {} |\n", MarkdownText(r.scenario),
                      MarkdownText(r.invariant), per_run, r.total.failed, r.total.checked,
                      FormatNotApplicable(r.total), Bound(r.total));
  }
  md += "\n## Flaky\n\n";
  if (trend.flaky.empty()) md += "None seen.\n";
  for (const std::string& f : trend.flaky) md += "- " + MarkdownText(f) + "\n";
  return md;
}

std::string RenderTrendHtml(const Trend& trend) {
  constexpr int kWidth = 240, kHeight = 40;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
      "<title>bootstorm trend</title><style>body{font-family:sans-serif;margin:24px}"
      "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;"
      "text-align:left}polyline{fill:none;stroke:#1a7f37;stroke-width:2}"
      "circle.failed{fill:#cf222e}circle{fill:#1a7f37}</style></head><body><h1>bootstorm trend"
      "</h1><table><thead><tr><th>scenario</th><th>invariant</th><th>pass rate per run</th>"
      "<th>failed / checked</th><th>95% upper bound</th></tr></thead><tbody>";
  for (const TrendRow& r : trend.rows) {
    std::string points, dots;
    std::size_t n = r.points.size();
    for (std::size_t i = 0; i < n; ++i) {
      const TrendPoint& p = r.points[i];
      if (p.checked == 0) continue;  // it applied to no boot of this run: no rate to draw
      double rate = double(p.checked - p.failed) / p.checked;
      double x = n == 1 ? kWidth / 2.0 : 4 + (kWidth - 8) * double(i) / double(n - 1);
      double y = 4 + (kHeight - 8) * (1 - rate);
      points += fmt::format("{:.1f},{:.1f} ", x, y);
      dots += fmt::format(
          "<circle{} cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"><title>{}: {}</title>"
          "</circle>",
          p.failed > 0 ? " class=\"failed\"" : "", x, y, XmlEscape(p.run_id),
          PassRate(p.checked, p.failed));
    }
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><svg width=\"{}\" height=\"{}\" role=\"img\">"
        "<polyline points=\"{}\"/>{}</svg></td><td>{} / {}{}</td><td>{}</td></tr>",
        XmlEscape(r.scenario), XmlEscape(r.invariant), kWidth, kHeight, points, dots,
        r.total.failed, r.total.checked, FormatNotApplicable(r.total), XmlEscape(Bound(r.total)));
  }
  html += "</tbody></table><h2>Flaky</h2><ul>";
  if (trend.flaky.empty()) html += "<li>None seen.</li>";
  for (const std::string& f : trend.flaky) html += "<li>" + XmlEscape(f) + "</li>";
  return html + "</ul></body></html>\n";
}

}  // namespace bootstorm
