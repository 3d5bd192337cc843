#include "html_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

#include "atomic_file.h"
#include "test_run_dir.h"

namespace bootstorm {
namespace {

class HtmlReportTest : public ::testing::Test {
 protected:
  RunRecord run_ = ReadTestRun(HostileRunDir());
  std::string html_ = RenderHtmlReport(run_, HostileRunDir());
};

TEST_F(HtmlReportTest, FixtureIsWhatTheTestsExpect) {
  ASSERT_EQ(run_.vms.size(), 2u);
  ASSERT_EQ(run_.vms[0].boots.size(), 2u);
  EXPECT_EQ(run_.vms[0].boots[1].outcome, Outcome::kSutFailure);
  EXPECT_EQ(run_.vms[1].boots.at(0).outcome, Outcome::kInfraError);
}

TEST_F(HtmlReportTest, GuestMarkupIsTextOnly) {
  // The page's own markup has exactly one script and no images; the hostile
  // strings of the fixture appear escaped.
  EXPECT_EQ(CountOf(html_, "<script"), 1u);
  EXPECT_EQ(CountOf(html_, "<img"), 0u);
  EXPECT_EQ(CountOf(html_, "onerror=\""), 0u);
  EXPECT_GT(CountOf(html_, "&lt;script&gt;alert(1)&lt;/script&gt;"), 0u);
  EXPECT_GT(CountOf(html_, "&lt;img src=x onerror=&quot;document.body.dataset.pwned=1&quot;&gt;"),
            0u);
}

TEST_F(HtmlReportTest, OneLanePerUnitInEveryTimeline) {
  std::size_t timelines = CountOf(html_, "<svg class=\"timeline");
  EXPECT_EQ(timelines, 3u);  // one per boot
  for (std::string_view unit : kTimelineUnits) {
    EXPECT_EQ(CountOf(html_, "<g class=\"lane\" data-unit=\"" + std::string(unit) + "\">"),
              timelines)
        << unit;
  }
  EXPECT_EQ(CountOf(html_, "<g class=\"lane\""), timelines * std::size(kTimelineUnits));
}

TEST_F(HtmlReportTest, FailingBootsHaveTheirFailureSection) {
  EXPECT_EQ(CountOf(html_, "<div class=\"failure\">"), 2u);
  std::size_t sut = html_.find("id=\"vm-0-boot-2\"");
  std::size_t infra = html_.find("id=\"vm-1-boot-1\"");
  ASSERT_NE(sut, std::string::npos);
  ASSERT_NE(infra, std::string::npos);
  std::string failure = html_.substr(sut, html_.find("</details>\n", sut) - sut);
  EXPECT_NE(failure.find("<h5>resolv.conf at after-dns-event"), std::string::npos);
  EXPECT_NE(failure.find("<span class=\"removed\">- nameserver 192.0.2.53</span>"),
            std::string::npos);
  EXPECT_NE(failure.find("<span class=\"added\">+ nameserver 198.51.100.1</span>"),
            std::string::npos);
  EXPECT_NE(failure.find("<h5>Interfaces at after-dns-event</h5>"), std::string::npos);
  EXPECT_NE(failure.find("<pre class=\"console\">"), std::string::npos);
  EXPECT_NE(failure.find("bootstorm replay " + HostileRunDir().string() + " --vm 0 --boot 2"),
            std::string::npos);
  EXPECT_NE(failure.find("bootstorm shrink " + HostileRunDir().string() + " --vm 0"),
            std::string::npos);
  std::string infra_error = html_.substr(infra, html_.find("</details>\n", infra) - infra);
  EXPECT_NE(infra_error.find("<h5>Infra error</h5>"), std::string::npos);
  EXPECT_NE(infra_error.find("bootstorm replay "), std::string::npos);
  EXPECT_EQ(infra_error.find("bootstorm shrink "), std::string::npos);  // nothing to shrink
  // The passing boot has a timeline but no failure section.
  std::size_t pass = html_.find("id=\"vm-0-boot-1\"");
  EXPECT_EQ(html_.substr(pass, sut - pass).find("class=\"failure\""), std::string::npos);
}

TEST_F(HtmlReportTest, SummaryAndScenarioCarryTheFailureBound) {
  EXPECT_NE(html_.find("<div class=\"card sut_failure\" data-count=\"1\">"), std::string::npos);
  EXPECT_NE(html_.find("<div class=\"card infra_error\" data-count=\"1\">"), std::string::npos);
  EXPECT_NE(html_.find("<tr data-scenario=\"hostile-fixture\">"), std::string::npos);
  EXPECT_NE(html_.find("<td class=\"bound\">1 failure in 2 boots: &lt; 98%</td>"),
            std::string::npos);
}

TEST_F(HtmlReportTest, FiltersCoverEveryVerdict) {
  for (std::string_view verdict : {"pass", "sut_failure", "infra_error"})
    EXPECT_NE(html_.find("data-filter=\"" + std::string(verdict) + "\""), std::string::npos);
  EXPECT_EQ(CountOf(html_, "<details class=\"vm "), 2u);
}

TEST_F(HtmlReportTest, SelfContained) {
  EXPECT_EQ(CountOf(html_, "src="), CountOf(html_, "src=x"));  // only the escaped hostile one
  EXPECT_EQ(CountOf(html_, "href=\"http"), 0u);
  EXPECT_EQ(CountOf(html_, "url("), 0u);
  EXPECT_NE(html_.find("default-src 'none'"), std::string::npos);
}

TEST_F(HtmlReportTest, LeadsWithTheExpectationAndLinksTheRecords) {
  // A pass run with a SUT failure: not met, before the summary.
  std::size_t verdict = html_.find(
      "<p class=\"banner verdict fail\" id=\"verdict\"><b>expectation NOT met: SUT failures in "
      "1/2 VMs (resolv-conf-intact, nm-dns-none)</b></p>");
  ASSERT_NE(verdict, std::string::npos) << html_;
  EXPECT_LT(verdict, html_.find("id=\"summary\""));
  EXPECT_NE(html_.find("<a href=\"results.json\">results.json</a>"), std::string::npos);
  EXPECT_NE(html_.find("<a href=\"vm-000/boot-2.console.log\">console log</a>"), std::string::npos);
}

TEST_F(HtmlReportTest, NotApplicableChecksShowAsNaWithTheirReason) {
  RunRecord run = run_;
  for (BootRecord& b : run.vms[0].boots)
    b.checks.push_back(NotApplicable("atomic-write", "<b>cloud-init</b> renders it"));
  std::string html = RenderHtmlReport(run, HostileRunDir());
  EXPECT_EQ(CountOf(html,
                    "<span class=\"chip na\" title=\"not applicable: &lt;b&gt;cloud-init"
                    "&lt;/b&gt; renders it\">atomic-write n/a</span>"),
            2u)
      << html;
  EXPECT_EQ(CountOf(html, "<li>atomic-write n/a: &lt;b&gt;cloud-init&lt;/b&gt; renders it</li>"),
            2u);
  EXPECT_EQ(CountOf(html, "<b>cloud-init</b>"), 0u);
  EXPECT_EQ(html.find("title=\"passed\">atomic-write<"), std::string::npos);
  EXPECT_EQ(html.find("title=\"not applicable: &lt;b&gt;cloud-init&lt;/b&gt; renders it\">"
                      "atomic-write</span>"),
            std::string::npos);
  // Counted neither as a failure nor as a pass: the same verdicts and rate.
  EXPECT_EQ(CountOf(html, "<td class=\"invariant\">atomic-write</td>"), 0u);
  EXPECT_NE(html.find("<td class=\"bound\">1 failure in 2 boots: &lt; 98%</td>"),
            std::string::npos);
  EXPECT_EQ(CountOf(html, "<div class=\"failure\">"), 2u);
}

TEST_F(HtmlReportTest, MetDetectionIsNotShownAsAFailedPassRate) {
  RunRecord detect = run_;
  detect.expect = Expect::kDetect;
  detect.vms[0].boots[0].console_log = "../outside.log";  // never linked
  std::string html = RenderHtmlReport(detect, HostileRunDir());
  EXPECT_NE(html.find("<p class=\"banner verdict met\" id=\"verdict\"><b>expectation met: "
                      "known-bad activator caught by resolv-conf-intact, nm-dns-none in 1/2 VMs"),
            std::string::npos);
  EXPECT_EQ(html.find("of boots passed"), std::string::npos);
  EXPECT_NE(html.find("caught in 1 of 2 judged boots"), std::string::npos);
  EXPECT_EQ(html.find("href=\"../outside.log\""), std::string::npos);
}

TEST_F(HtmlReportTest, ConsoleExcerptCentresOnTheFailingCheckpoint) {
  // A stamped console, one line a second, far longer than the tail; the
  // failing observation (after-dns-event) is at guest time 23.39 s.
  std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "centred-console";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(HostileRunDir(), dir, std::filesystem::copy_options::recursive);
  std::string log;
  for (int s = 0; s < 300; ++s) log += fmt::format("[{:>5}.000000] line {}\n", s, s);
  WriteFileAtomically(dir / "vm-000/boot-2.console.log", log);
  std::string html = RenderHtmlReport(run_, dir);
  std::size_t around = html.find(
      "<h5>Serial console: around the failing checkpoint (guest time 23.392 s): "
      "vm-000/boot-2.console.log</h5>");
  ASSERT_NE(around, std::string::npos) << html;
  std::size_t tail = html.find("<h5>Serial console: the end of vm-000/boot-2.console.log</h5>");
  ASSERT_GT(tail, around);
  std::string excerpt = html.substr(around, tail - around);
  EXPECT_NE(excerpt.find("[   24.000000] line 24\n"), std::string::npos);  // the centre
  EXPECT_NE(excerpt.find("[    9.000000] line 9\n"), std::string::npos);
  EXPECT_EQ(excerpt.find("line 8\n"), std::string::npos);
  EXPECT_EQ(excerpt.find("line 40\n"), std::string::npos);
  EXPECT_NE(html.find("[  299.000000] line 299\n", tail), std::string::npos);  // and the tail
}

TEST_F(HtmlReportTest, RenderingIsStable) {
  EXPECT_EQ(RenderHtmlReport(ReadTestRun(HostileRunDir()), HostileRunDir()), html_);
}

}  // namespace
}  // namespace bootstorm
