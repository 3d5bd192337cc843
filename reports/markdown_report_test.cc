#include "markdown_report.h"

#include <gtest/gtest.h>

#include "results_json.h"
#include "sample_runs.h"

namespace bootstorm {
namespace {

TEST(MarkdownReport, RecordedRunNamesItsFailuresAndEnvironment) {
  std::filesystem::path dir = RecordedRunDir();
  RunRecord run = ReadResultsJson(dir / "results.json");
  std::string md = RenderRunMarkdownReport(run, dir);
  EXPECT_NE(md.find("# bootstorm run: detect-legacy-interfaces"), std::string::npos) << md;
  EXPECT_NE(md.find("met: caught by resolv-conf-intact"), std::string::npos) << md;
  // The verdict against the expectation leads, before the table.
  std::size_t lead = md.find(
      "- detect-legacy-interfaces: expectation met: known-bad activator caught by "
      "resolv-conf-intact, nm-dns-none in 1/1 VMs\n");
  ASSERT_NE(lead, std::string::npos) << md;
  EXPECT_LT(lead, md.find("| scenario |"));
  EXPECT_NE(md.find("`bootstorm replay " + dir.string() + " --vm 0 --boot 1`"), std::string::npos);
  EXPECT_NE(md.find("- accelerator: tcg\n"), std::string::npos);
  EXPECT_NE(md.find("- guest NetworkManager: 1.42"), std::string::npos) << md;
  EXPECT_NE(md.find("- guest systemd: 252"), std::string::npos);
  EXPECT_EQ(md.find("Detection matrix"), std::string::npos);  // one run: no matrix
}

TEST(MarkdownReport, PassRateAndBoundPerScenario) {
  std::string md = RenderRunMarkdownReport(SampleRun(), "out/sample");
  // 3 boots: 1 passed, 1 SUT failure, 1 infra error; judged 2.
  EXPECT_NE(md.find("| sample | legacy-interfaces | pass | 3 | 3 | 1 (50.0%) | 1 | 1 | 1 in 2, "),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("**NOT met**"), std::string::npos);
  EXPECT_NE(md.find("**Verdict: 1 of 1 scenarios did not meet their expectation: sample.**"),
            std::string::npos);
}

TEST(MarkdownReport, InvariantVerdictsWithBounds) {
  RunRecord run = SampleRun();
  std::string md = RenderRunMarkdownReport(run, "out/sample");
  EXPECT_NE(md.find("| resolv-conf-intact | **FAIL** | 2 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| nm-dns-none | pass | 2 | 0 | < 78% |"), std::string::npos) << md;
}

TEST(MarkdownReport, NotApplicableIsNeitherPassNorFailureAndGivesItsReason) {
  std::string md = RenderRunMarkdownReport(SampleRunWithNotApplicable(), "out/sample");
  EXPECT_NE(md.find("| atomic-write | n/a | 0, n/a in 2 boots | 0 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| resolv-conf-intact | **FAIL** | 2 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("## Not applicable\n\nNeither a pass nor a failure: the invariant does not "
                    "apply.\n\n- **atomic-write**: n/a in 2 boots: \\<SUT\\> \\& not the agent "
                    "renders resolv.conf\n"),
            std::string::npos)
      << md;
  std::size_t failures = md.find("## SUT failures by invariant");
  ASSERT_NE(failures, std::string::npos);
  EXPECT_EQ(md.find("atomic-write", failures), std::string::npos) << md;
  // Without any, the section is absent: reports of other runs do not change.
  EXPECT_EQ(RenderRunMarkdownReport(SampleRun(), "out/sample").find("Not applicable"),
            std::string::npos);
}

TEST(MarkdownReport, InfraErrorsAreListedApart) {
  std::string md = RenderRunMarkdownReport(SampleRun(), "out/sample");
  std::size_t infra = md.find("## Infra errors");
  ASSERT_NE(infra, std::string::npos);
  EXPECT_NE(md.find("- sample: vm 1 boot 1: domain died:", infra), std::string::npos);
  EXPECT_NE(md.find("- sample: 1 VMs did not run", infra), std::string::npos);
}

TEST(MarkdownReport, HostileGuestTextShowsAsText) {
  std::string md = RenderRunMarkdownReport(SampleRun(), "out/sample");
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("\\<script\\>alert(\"x\")\\</script\\>"), std::string::npos) << md;
  EXPECT_NE(md.find("\\`tick\\` \\*bold\\*"), std::string::npos);
  EXPECT_EQ(md.find('\x01'), std::string::npos);
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_EQ(MarkdownText("a|b\nc"), "a\\|b c");
}

TEST(MarkdownReport, DetectionMatrixForSeveralScenariosAndActivators) {
  auto run = [](std::string scenario, std::string activator, bool fails) {
    RunRecord r = SampleRun();
    r.scenario_name = std::move(scenario);
    r.activator = std::move(activator);
    r.expect = fails ? Expect::kDetect : Expect::kPass;
    r.vms_planned = 1;
    r.vms.resize(1);
    if (!fails) r.vms[0].boots.pop_back();
    return r;
  };
  std::vector<ReportedRun> runs = {{run("nm-first", "reference", false), "a"},
                                   {run("nm-first", "legacy-interfaces", true), "b"},
                                   {run("dns-event", "reference", false), "c"}};
  std::string md = RenderMarkdownReport(runs, "bootstorm verify: release");
  EXPECT_NE(md.find("| activator | nm-first | dns-event |\n|---|---|---|\n"), std::string::npos)
      << md;
  EXPECT_NE(md.find("| reference | pass | pass |\n"), std::string::npos);
  EXPECT_NE(md.find("| legacy-interfaces | resolv-conf-intact |  |\n"), std::string::npos);
  EXPECT_NE(md.find("every scenario met its expectation (3 of 3)"), std::string::npos);
  // Invariants count the runs that expect a pass: 2 runs x 1 boot, no failure.
  EXPECT_NE(md.find("| resolv-conf-intact | pass | 2 | 0 |"), std::string::npos);
}

TEST(MarkdownReport, UnknownVersionsOfOldRuns) {
  RunRecord run = SampleRun();
  run.guest_versions = {};
  run.image_key.clear();
  std::string md = RenderRunMarkdownReport(run, "out/sample");
  EXPECT_NE(md.find("- guest NetworkManager: unknown\n"), std::string::npos);
  EXPECT_NE(md.find("- guest image: unknown\n"), std::string::npos);
}

TEST(MarkdownReport, Stable) {
  EXPECT_EQ(RenderRunMarkdownReport(SampleRun(), "out/s"),
            RenderRunMarkdownReport(SampleRun(), "out/s"));
}

}  // namespace
}  // namespace bootstorm
