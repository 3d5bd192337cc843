#include "junit_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "atomic_file.h"
#include "results_json.h"
#include "sample_runs.h"

namespace bootstorm {
namespace {

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// Whether `xml` validates against the vendored JUnit.xsd (xmllint's own
/// output goes to the test log).
bool ValidatesAgainstJunitXsd(const std::string& xml) {
  std::filesystem::path file =
      std::filesystem::path(testing::TempDir()) /
      (std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".xml");
  WriteFileAtomically(file, xml);
  std::string command = "timeout 60 xmllint --noout --schema " +
                        (std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "JUnit.xsd").string() +
                        " " + file.string();
  return std::system(command.c_str()) == 0;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(JunitReport, CaughtDetectionIsPassingCasesThatSayWhatCaughtIt) {
  std::filesystem::path dir = RecordedRunDir();
  RunRecord run = ReadResultsJson(dir / "results.json");
  ASSERT_EQ(run.expect, "detect");
  std::string xml = RenderRunJunitReport(run, dir);
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;
  EXPECT_EQ(Count(xml, "<failure "), 0) << xml;
  EXPECT_EQ(Count(xml, "<error "), 0);
  EXPECT_NE(xml.find("tests=\"3\" failures=\"0\" errors=\"0\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"bootstorm.detect-legacy-interfaces\" "
                     "name=\"expectation\" time=\"0.000\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<property name=\"expectation\" value=\"expectation met: known-bad activator "
                     "caught by resolv-conf-intact, nm-dns-none in 1/1 VMs\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<property name=\"caught_by\" value=\"resolv-conf-intact,nm-dns-none\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("vm 0 boot 1: caught by resolv-conf-intact at "), std::string::npos);
  EXPECT_NE(xml.find("[[ATTACHMENT|" + (dir / "vm-000/boot-2.console.log").string() + "]]\n"),
            std::string::npos);

  // Each boot's case carries the boot's own time, as results.json has it.
  nlohmann::json results = nlohmann::json::parse(ReadText(dir / "results.json"));
  for (const auto& boot : results["vms"][0]["boots"]) {
    EXPECT_NE(xml.find(fmt::format("name=\"boot-{}\" time=\"{:.3f}\"/>", boot["boot"].get<int>(),
                                   boot["seconds"].get<double>())),
              std::string::npos);
  }
}

TEST(JunitReport, UncaughtDetectionIsOneFailure) {
  RunRecord run = ReadResultsJson(RecordedRunDir() / "results.json");
  for (BootRecord& b : run.vms[0].boots) {
    b.outcome = Outcome::kPass;
    for (CheckResult& c : b.checks) c.passed = true;
  }
  std::string xml = RenderRunJunitReport(run, "out/x");
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;
  EXPECT_EQ(Count(xml, "<failure "), 1);
  EXPECT_NE(xml.find("name=\"expectation\" time=\"0.000\">\n      <failure type=\"not-caught\" "
                     "message=\"expectation NOT met: known-bad activator not caught, 1/1 VMs "
                     "passed\""),
            std::string::npos)
      << xml;
}

TEST(JunitReport, PassRunFailsEachFailingBootOnce) {
  std::filesystem::path dir = RecordedRunDir();
  RunRecord run = ReadResultsJson(dir / "results.json");
  run.expect = "pass";
  std::string xml = RenderRunJunitReport(run, dir);
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;

  // Counted from results.json itself, not through the record model.
  nlohmann::json results = nlohmann::json::parse(ReadText(dir / "results.json"));
  int failed_boots = 0;
  for (const auto& vm : results["vms"])
    for (const auto& boot : vm["boots"]) failed_boots += boot["outcome"] == "sut_failure";
  ASSERT_GT(failed_boots, 0) << "the fixture must hold SUT failures";
  EXPECT_EQ(Count(xml, "<failure "), failed_boots);
  EXPECT_NE(xml.find(" failures=\"" + std::to_string(failed_boots) + "\""), std::string::npos);
  EXPECT_EQ(xml.find("name=\"expectation\" time="), std::string::npos);  // pass runs as before
  EXPECT_NE(
      xml.find("<failure type=\"resolv-conf-intact,nm-dns-none\" message=\"resolv-conf-intact, "
               "nm-dns-none failed\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("replay: bootstorm replay " + dir.string() + " --vm 0 --boot 1"),
            std::string::npos);
}

TEST(JunitReport, NamesGroupBootsByVm) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_NE(xml.find("<testsuite name=\"bootstorm.sample\" package=\"bootstorm\" id=\"0\""),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-1\" time=\"40.000\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-2\" time=\"40.000\">"),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-001\" name=\"boot-1\""), std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-002\" name=\"not-run\""), std::string::npos);
  EXPECT_NE(xml.find("timestamp=\"2026-11-25T06:00:00\""), std::string::npos);
}

TEST(JunitReport, InfraErrorsAreErrorsNeverFailures) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;
  EXPECT_EQ(Count(xml, "<failure "), 1);
  EXPECT_EQ(Count(xml, "<error "), 2);  // vm 1's boot, vm 2 never ran
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("earlier attempt: libvirt connection lost"), std::string::npos);
}

TEST(JunitReport, PassAfterARetriedInfraErrorIsFlaggedFlaky) {
  RunRecord run = SampleRun();
  run.vms[1].boots[0].outcome = Outcome::kPass;
  std::string xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;
  EXPECT_NE(xml.find("vm 1 boot 1: flaky infrastructure: pass after 1 retried infra error: "
                     "libvirt connection lost\n"),
            std::string::npos)
      << xml;
}

TEST(JunitReport, FailureCarriesExpectedActualAndReplay) {
  std::string xml = RenderRunJunitReport(SampleRun(), "my runs/sample");
  EXPECT_NE(xml.find("resolv-conf-intact: at early: "), std::string::npos);
  EXPECT_NE(
      xml.find("checkpoint: early\nexpected: {&quot;nameservers&quot;:[&quot;192.0.2.53&quot;]}"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("replay: bootstorm replay &apos;my runs/sample&apos; --vm 0 --boot 2\n"),
            std::string::npos);
  EXPECT_NE(xml.find("shrink: bootstorm shrink &apos;my runs/sample&apos; --vm 0\n"),
            std::string::npos);
}

TEST(JunitReport, HostileGuestTextIsEscapedAndStripped) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("]]>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
}

TEST(JunitReport, StableAcrossRendersAndThroughResultsJson) {
  RunRecord run = ReadResultsJson(RecordedRunDir() / "results.json");
  std::string first = RenderRunJunitReport(run, "out/x");
  EXPECT_EQ(first, RenderRunJunitReport(run, "out/x"));
  RunRecord again = RunRecordFromJson(ToJson(run), "results");
  EXPECT_EQ(first, RenderRunJunitReport(again, "out/x"));
}

TEST(JunitReport, SeveralRunsAreSeveralSuites) {
  RunRecord other = SampleRun();
  other.scenario_name = "other";
  std::vector<ReportedRun> runs = {{SampleRun(), "out/a"}, {other, "out/b"}};
  std::string xml = RenderJunitReport(runs);
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml));
  EXPECT_EQ(Count(xml, "<testsuite "), 2);
  EXPECT_NE(xml.find("name=\"bootstorm.other\" package=\"bootstorm\" id=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace bootstorm
