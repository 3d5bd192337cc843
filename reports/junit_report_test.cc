#include "junit_report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
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

TEST(JunitReport, RecordedRunValidatesAndCountsItsFailures) {
  std::filesystem::path dir = RecordedRunDir();
  RunRecord run = ReadResultsJson(dir / "results.json");
  std::string xml = RenderRunJunitReport(run, dir);
  EXPECT_TRUE(ValidatesAgainstJunitXsd(xml)) << xml;

  // Counted from results.json itself, not through the record model.
  nlohmann::json results = nlohmann::json::parse(ReadText(dir / "results.json"));
  int failed_checks = 0;
  for (const auto& vm : results["vms"])
    for (const auto& boot : vm["boots"])
      for (const auto& check : boot["checks"]) failed_checks += check["verdict"] == "fail";
  ASSERT_GT(failed_checks, 0) << "the fixture must hold SUT failures";
  EXPECT_EQ(Count(xml, "<failure "), failed_checks);
  EXPECT_NE(xml.find(" failures=\"" + std::to_string(failed_checks) + "\""), std::string::npos);

  // Failing VMs, by the classname of their failing test cases, are the SUT failures of the summary.
  std::set<std::string> failing_vms;
  std::regex failing_case(R"re(<testcase classname="([^"]+)"[^>]*>\n\s*<failure )re");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), failing_case);
       it != std::sregex_iterator(); ++it)
    failing_vms.insert((*it)[1]);
  EXPECT_EQ(static_cast<int>(failing_vms.size()), results["summary"]["sut_failure"].get<int>());
  EXPECT_EQ(Count(xml, "<error "), 0);
  EXPECT_NE(xml.find("replay: bootstorm replay " + dir.string() + " --vm 0 --boot 1"),
            std::string::npos);
}

TEST(JunitReport, NamesGroupBootsByVm) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_NE(xml.find("<testsuite name=\"bootstorm.sample\" package=\"bootstorm\" id=\"0\""),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-1.resolv-conf-intact\""),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-2.nm-dns-none\""),
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
  EXPECT_NE(xml.find("tests=\"6\" failures=\"1\" errors=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("earlier attempt: libvirt connection lost"), std::string::npos);
}

TEST(JunitReport, FailureCarriesExpectedActualAndReplay) {
  std::string xml = RenderRunJunitReport(SampleRun(), "my runs/sample");
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
