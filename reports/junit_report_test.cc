#include "junit_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "atomic_file.h"
#include "results_json.h"
#include "sample_runs.h"
#include "test_run_dir.h"

namespace bootstorm {
namespace {

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// Whether `xml` validates against the project's schema of what it emits
/// (xmllint's own output goes to the test log).
bool ValidatesAgainstSchema(const std::string& xml) {
  std::filesystem::path file =
      std::filesystem::path(testing::TempDir()) /
      (std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".xml");
  WriteFileAtomically(file, xml);
  std::string command =
      "timeout 60 xmllint --noout --schema " +
      (std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "bootstorm-junit.xsd").string() + " " +
      file.string();
  return std::system(command.c_str()) == 0;
}

/// The <testcase> element of `classname` and `name` in `xml`, "" if none.
std::string CaseXml(const std::string& xml, const std::string& classname, const std::string& name) {
  std::size_t start = xml.find("<testcase classname=\"" + classname + "\" name=\"" + name + "\" ");
  if (start == std::string::npos) return "";
  std::size_t head_end = xml.find('>', start);
  if (xml[head_end - 1] == '/') return xml.substr(start, head_end + 1 - start);
  std::size_t end = xml.find("</testcase>", start);
  return xml.substr(start, end + std::string("</testcase>").size() - start);
}

std::string ReplacedAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
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
  ASSERT_EQ(run.expect, Expect::kDetect);
  std::string xml = RenderRunJunitReport(run, dir);
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
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

  // Each boot's case carries the boot's own time, as results.json has it, and
  // in its own system-out what caught the activator and its console log.
  nlohmann::json results = nlohmann::json::parse(ReadText(dir / "results.json"));
  for (const auto& boot : results["vms"][0]["boots"]) {
    std::string name = fmt::format("boot-{}", boot["boot"].get<int>());
    std::string c = CaseXml(xml, "bootstorm.detect-legacy-interfaces.vm-000", name);
    EXPECT_NE(c.find(fmt::format("time=\"{:.3f}\">", boot["seconds"].get<double>())),
              std::string::npos)
        << c;
    EXPECT_NE(c.find("<system-out>caught by resolv-conf-intact at "), std::string::npos) << c;
    EXPECT_NE(c.find("\n[[ATTACHMENT|" + (dir / boot["console_log"].get<std::string>()).string() +
                     "]]\n</system-out>"),
              std::string::npos)
        << c;
  }
  // Attachments are the cases' only: Jenkins would attach a suite's twice.
  EXPECT_EQ(Count(xml, "[[ATTACHMENT|"), 2);
}

TEST(JunitReport, UncaughtDetectionIsOneFailure) {
  RunRecord run = ReadResultsJson(RecordedRunDir() / "results.json");
  for (BootRecord& b : run.vms[0].boots) {
    b.outcome = Outcome::kPass;
    for (CheckResult& c : b.checks) c.passed = true;
  }
  std::string xml = RenderRunJunitReport(run, "out/x");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
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
  run.expect = Expect::kPass;
  std::string xml = RenderRunJunitReport(run, dir);
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;

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
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-1\" time=\"40.000\">"),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-000\" name=\"boot-2\" time=\"40.000\">"),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-001\" name=\"boot-1\""), std::string::npos);
  EXPECT_NE(xml.find("classname=\"bootstorm.sample.vm-002\" name=\"not-run\""), std::string::npos);
  EXPECT_NE(xml.find("timestamp=\"2026-11-25T06:00:00\""), std::string::npos);
}

TEST(JunitReport, InfraErrorsAreErrorsNeverFailures) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_EQ(Count(xml, "<failure "), 1);
  EXPECT_EQ(Count(xml, "<error "), 2);  // vm 1's boot, vm 2 never ran
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("earlier attempt: libvirt connection lost"), std::string::npos);
}

TEST(JunitReport, NotApplicableChecksAreNotedAndNeverFailOrPass) {
  std::string xml = RenderRunJunitReport(SampleRunWithNotApplicable(), "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"2\" skipped=\"0\""), std::string::npos);
  // Boot 2 failed resolv-conf-intact alone; boot 1 passed what applied.
  std::string failed = CaseXml(xml, "bootstorm.sample.vm-000", "boot-2");
  EXPECT_NE(failed.find("<failure type=\"resolv-conf-intact\" message=\"resolv-conf-intact "
                        "failed\">"),
            std::string::npos)
      << failed;
  std::string note =
      "atomic-write not applicable: &lt;SUT&gt; &amp; not the agent renders resolv.conf\n";
  EXPECT_NE(failed.find(note), std::string::npos) << failed;
  std::string passed = CaseXml(xml, "bootstorm.sample.vm-000", "boot-1");
  EXPECT_EQ(passed.find("<failure"), std::string::npos) << passed;
  EXPECT_EQ(passed.find("<skipped"), std::string::npos) << passed;
  EXPECT_NE(passed.find("<system-out>" + note), std::string::npos) << passed;
}

TEST(JunitReport, BootWhereNoCheckAppliedIsSkippedWithTheReason) {
  RunRecord run = SampleRunWithNotApplicable();
  std::vector<CheckResult>& checks = run.vms[0].boots[0].checks;
  checks.erase(checks.begin(), checks.end() - 1);  // only atomic-write, not applicable
  std::string xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"2\" skipped=\"1\""), std::string::npos);
  EXPECT_NE(CaseXml(xml, "bootstorm.sample.vm-000", "boot-1")
                .find("<skipped message=\"not applicable: atomic-write: &lt;SUT&gt; &amp; not the "
                      "agent renders resolv.conf\"/>"),
            std::string::npos)
      << xml;
  // Skipped, not failed: a skipped case's retried attempts are flaky ones.
  run.vms[0].boots[0].retried_infra_errors = {"libvirt connection lost"};
  xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_FALSE(ValidatesAgainstSchema(ReplacedAll(xml, "flakyError", "rerunError")));
}

TEST(JunitReport, PassAfterARetriedInfraErrorIsAPassWithAFlakyErrorPerAttempt) {
  RunRecord run = SampleRun();
  BootRecord& boot = run.vms[1].boots[0];
  boot.outcome = Outcome::kPass;
  boot.retried_infra_errors = {"libvirt connection lost", "domain <b> did not start"};
  std::string xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"1\""), std::string::npos);  // a pass

  std::string c = CaseXml(xml, "bootstorm.sample.vm-001", "boot-1");
  EXPECT_EQ(Count(c, "<flakyError "), 2) << c;
  EXPECT_EQ(Count(c, "<rerunError "), 0);
  EXPECT_EQ(Count(c, "<error "), 0);
  EXPECT_NE(c.find("<flakyError message=\"libvirt connection lost\" type=\"infra-error\">\n"
                   "        <stackTrace>attempt 1 of 3: infra error (not a failure of the system "
                   "under test), retried with the same plan: libvirt connection lost\n"
                   "</stackTrace>\n      </flakyError>"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("<flakyError message=\"domain &lt;b&gt; did not start\" type=\"infra-error\">\n"
                   "        <stackTrace>attempt 2 of 3: "),
            std::string::npos)
      << c;
  // GitLab reads no flakyError: the case's system-out says it too.
  EXPECT_NE(c.find("<system-out>flaky infrastructure: pass after 2 retried infra errors: "
                   "libvirt connection lost; domain &lt;b&gt; did not start\n"
                   "[[ATTACHMENT|out/sample/vm-001/boot-1.console.log]]\n</system-out>"),
            std::string::npos)
      << c;
  EXPECT_NE(xml.find("vm 1 boot 1: flaky infrastructure: pass after 2 retried infra errors: "),
            std::string::npos);
}

TEST(JunitReport, ErrorAfterRetriedInfraErrorsHasARerunErrorPerEarlierAttempt) {
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  std::string c = CaseXml(xml, "bootstorm.sample.vm-001", "boot-1");
  EXPECT_EQ(Count(c, "<flakyError "), 0) << c;
  EXPECT_EQ(Count(c, "<rerunError "), 1) << c;
  // Surefire's order: the recorded attempt's <error>, then the reruns.
  EXPECT_LT(c.find("<error type=\"infra-error\""), c.find("<rerunError "));
  EXPECT_NE(c.find("<rerunError message=\"libvirt connection lost\" type=\"infra-error\">\n"
                   "        <stackTrace>attempt 1 of 2: "),
            std::string::npos)
      << c;
}

TEST(JunitReport, HostileRecordedRunValidatesWithItsRetryAsARerunError) {
  std::string xml = RenderRunJunitReport(ReadTestRun(HostileRunDir()), "out/h");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  std::string c = CaseXml(xml, "bootstorm.hostile-fixture.vm-001", "boot-1");
  EXPECT_EQ(Count(c,
                  "<rerunError message=\"vm 1 boot 1: the guest closed the probe channel after "
                  "&apos;garbage &lt;img src=x onerror=&quot;"),
            1)
      << c;
  EXPECT_EQ(Count(xml, "<img"), 0);
  EXPECT_NE(c.find("[[ATTACHMENT|out/h/vm-001/boot-1.console.log]]\n"), std::string::npos) << c;
}

TEST(JunitReport, FailureAfterARetriedInfraErrorHasARerunError) {
  RunRecord run = SampleRun();
  run.vms[0].boots[1].retried_infra_errors = {"libvirt connection lost"};
  std::string xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  std::string c = CaseXml(xml, "bootstorm.sample.vm-000", "boot-2");
  EXPECT_EQ(Count(c, "<failure "), 1) << c;
  EXPECT_EQ(Count(c, "<rerunError "), 1) << c;
  EXPECT_EQ(Count(c, "<flakyError "), 0) << c;
  EXPECT_NE(c.find("flaky infrastructure: sut_failure after 1 retried infra error: "),
            std::string::npos)
      << c;
}

TEST(JunitReport, PassRunWithoutRetriesHasNoRerunsAndAttachesEachBootsConsole) {
  std::filesystem::path dir = RecordedRunDir();
  RunRecord run = ReadResultsJson(dir / "results.json");
  run.expect = Expect::kPass;
  for (BootRecord& b : run.vms[0].boots) {
    b.outcome = Outcome::kPass;
    for (CheckResult& c : b.checks) c.passed = true;
  }
  std::string xml = RenderRunJunitReport(run, "out/x");
  EXPECT_TRUE(ValidatesAgainstSchema(xml)) << xml;
  EXPECT_EQ(Count(xml, "<flakyError"), 0);
  EXPECT_EQ(Count(xml, "<rerunError"), 0);
  EXPECT_EQ(Count(xml, "flaky infrastructure"), 0);
  for (const BootRecord& b : run.vms[0].boots) {
    std::string c =
        CaseXml(xml, "bootstorm.detect-legacy-interfaces.vm-000", "boot-" + std::to_string(b.boot));
    EXPECT_NE(c.find(fmt::format("\">\n      <system-out>[[ATTACHMENT|out/x/{}]]\n</system-out>\n",
                                 b.console_log)),
              std::string::npos)
        << c;
  }
}

TEST(JunitReport, BothPartsOfAnInterruptedBootAreAttachedTheJudgedOneFirst) {
  // GitLab links a case's first attachment only: the recovery boot's log,
  // where the checks ran.
  RunRecord run = SampleRun();
  run.vms[0].boots[1].interrupted_console_log = "vm-000/boot-2.interrupted.console.log";
  std::string c =
      CaseXml(RenderRunJunitReport(run, "out/sample"), "bootstorm.sample.vm-000", "boot-2");
  EXPECT_NE(
      c.find("<system-out>[[ATTACHMENT|out/sample/vm-000/boot-2.console.log]]\n"
             "[[ATTACHMENT|out/sample/vm-000/boot-2.interrupted.console.log]]\n</system-out>"),
      std::string::npos)
      << c;
}

TEST(JunitReport, ConsoleLogsOutsideTheRunFolderAreNotAttached) {
  RunRecord run = SampleRun();
  run.vms[0].boots[0].console_log = "../../etc/passwd";
  run.vms[0].boots[1].console_log = "/etc/passwd";
  std::string xml = RenderRunJunitReport(run, "out/sample");
  EXPECT_EQ(xml.find("passwd]]"), std::string::npos);
  EXPECT_EQ(CaseXml(xml, "bootstorm.sample.vm-000", "boot-1").find("<system-out>"),
            std::string::npos);
}

TEST(JunitReport, SchemaRejectsWhatBootstormDoesNotEmit) {
  // The validations above mean something only if the schema is strict.
  std::string xml = RenderRunJunitReport(SampleRun(), "out/sample");
  ASSERT_TRUE(ValidatesAgainstSchema(xml));
  // A flaky attempt on a case that erred; a rerun without its stackTrace.
  EXPECT_FALSE(ValidatesAgainstSchema(ReplacedAll(xml, "rerunError", "flakyError")));
  EXPECT_FALSE(ValidatesAgainstSchema(ReplacedAll(xml, "stackTrace", "system-out")));
  // The error after its rerun, against Surefire's order.
  std::string c = CaseXml(xml, "bootstorm.sample.vm-001", "boot-1");
  std::size_t from = c.find("      <error "), to = c.find("      <rerunError ");
  std::string error = c.substr(from, to - from);
  std::string reordered = ReplacedAll(xml, error, "");
  reordered.insert(reordered.find("      <system-out>[[ATTACHMENT|out/sample/vm-001"), error);
  EXPECT_FALSE(ValidatesAgainstSchema(reordered));
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
  EXPECT_TRUE(ValidatesAgainstSchema(xml));
  EXPECT_EQ(Count(xml, "<testsuite "), 2);
  EXPECT_NE(xml.find("name=\"bootstorm.other\" package=\"bootstorm\" id=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace bootstorm
