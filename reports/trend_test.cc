#include "trend.h"

#include <gtest/gtest.h>

#include "sample_runs.h"
#include "test_run_dir.h"

namespace bootstorm {
namespace {

/// SampleRun (vm 0: boot 1 passes, boot 2 fails resolv-conf-intact with
/// the same plan) and a later run "b" where both pass and vm 1's boot
/// passed after a retried infra error.
std::vector<ReportedRun> TwoRuns() {
  RunRecord b = SampleRun();
  b.run_id = "b";
  b.vms[0].boots[1].outcome = Outcome::kPass;
  for (CheckResult& c : b.vms[0].boots[1].checks) c.passed = true;
  b.vms[1].boots[0].outcome = Outcome::kPass;
  b.vms[1].boots[0].checks = b.vms[0].boots[0].checks;
  return {{SampleRun(), "out/a"}, {b, "out/b"}};
}

TEST(Trend, TalliesEachInvariantPerRunAndOverAll) {
  std::vector<ReportedRun> runs = TwoRuns();
  Trend t = ComputeTrend(runs);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].scenario, "sample");
  EXPECT_EQ(t.rows[0].invariant, "resolv-conf-intact");
  EXPECT_EQ(t.rows[0].points, (std::vector<TrendPoint>{{"0a1b2c3d", 2, 1}, {"b", 3, 0}}));
  EXPECT_EQ(t.rows[0].total, (InvariantTally{"resolv-conf-intact", 5, 1}));
  EXPECT_EQ(t.rows[1].total, (InvariantTally{"nm-dns-none", 5, 0}));
}

TEST(Trend, FlagsSamePlanPassAndFailAndRetriedBoots) {
  std::vector<ReportedRun> runs = TwoRuns();
  Trend t = ComputeTrend(runs);
  EXPECT_EQ(t.flaky, (std::vector<std::string>{
                         "sample: run b vm 1 boot 1 pass after 1 retried infra error(s)",
                         "sample: the same plan passed in run 0a1b2c3d vm 0 boot 1 and failed in "
                         "run 0a1b2c3d vm 0 boot 2"}));
  // One run whose boots all passed: nothing flaky.
  std::vector<ReportedRun> steady = {runs[1]};
  steady[0].record.vms[1].boots[0].retried_infra_errors.clear();
  EXPECT_TRUE(ComputeTrend(steady).flaky.empty());
}

TEST(Trend, AReplayThatDidNotReproduceIsFlaky) {
  // The original run's plans carry its run id, VM and boot, as a live run's do.
  RunRecord original = SampleRun();
  original.vms.resize(1);
  for (BootRecord& b : original.vms[0].boots) {
    b.plan.run_id = original.run_id;
    b.plan.boot = b.boot;
  }
  std::vector<ReportedRun> alone = {{original, "out/a"}};
  EXPECT_TRUE(ComputeTrend(alone).flaky.empty());
  // `bootstorm replay` reruns vm 0's plans as run "r" (its own run id in
  // the plans); boot 2, which failed in the original, passes.
  RunRecord replay = original;
  replay.run_id = "r";
  for (BootRecord& b : replay.vms[0].boots) {
    b.plan.run_id = "r";
    b.outcome = Outcome::kPass;
    for (CheckResult& c : b.checks) c.passed = true;
  }
  std::vector<ReportedRun> runs = {{original, "out/a"}, {replay, "out/r"}};
  EXPECT_EQ(ComputeTrend(runs).flaky,
            (std::vector<std::string>{"sample: the same plan passed in run r vm 0 boot 2 and "
                                      "failed in run 0a1b2c3d vm 0 boot 2"}));
}

TEST(Trend, NotApplicableBootsAreOutsideTheRateAndNamed) {
  std::vector<ReportedRun> runs = {{SampleRunWithNotApplicable(), "out/a"}};
  Trend t = ComputeTrend(runs);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].total, (InvariantTally{"atomic-write", 0, 0, 2}));
  EXPECT_EQ(t.rows[2].points, (std::vector<TrendPoint>{{"0a1b2c3d", 0, 0, 2}}));
  std::string md = RenderTrendMarkdown(t);
  EXPECT_NE(md.find("| sample | atomic-write | 0a1b2c3d n/a | 0 | 0, n/a in 2 boots |"),
            std::string::npos)
      << md;
  std::string html = RenderTrendHtml(t);
  EXPECT_NE(html.find("<td>0 / 0, n/a in 2 boots</td>"), std::string::npos) << html;
  // No rate to draw, so no point that would read as a 0% pass rate.
  EXPECT_EQ(CountOf(html, "<circle"), 2u) << html;
}

TEST(Trend, RendersMarkdownAndSelfContainedHtml) {
  std::vector<ReportedRun> runs = TwoRuns();
  runs[0].record.scenario_name = "<script>x</script>";
  Trend t = ComputeTrend(runs);
  std::string md = RenderTrendMarkdown(t);
  EXPECT_NE(md.find("| sample | resolv-conf-intact | b 100.0% | 0 | 3 | < 64% |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| \\<script\\>x\\</script\\> | resolv-conf-intact | 0a1b2c3d 50.0% | 1 | 2 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Flaky\n\n- sample: run b vm 1 boot 1"), std::string::npos);
  std::string html = RenderTrendHtml(t);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<circle class=\"failed\" cx=\"120.0\" cy=\"20.0\" r=\"3\"><title>0a1b2c3d: "
                      "50.0%</title>"),
            std::string::npos)
      << html;
}

}  // namespace
}  // namespace bootstorm
