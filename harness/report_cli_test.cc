// `bootstorm report` and `bootstorm verify`'s input checks, through the
// built binary; no VM boots.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

/// A copy of the recorded run fixture (reports/testdata/recorded-run).
std::filesystem::path RecordedRunCopy(const std::string& test) {
  std::filesystem::path dir = FreshTestDir(test) / "run";
  std::filesystem::copy(std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "recorded-run", dir,
                        std::filesystem::copy_options::recursive);
  return dir;
}

TEST(ReportCli, WritesTheSameBytesTwice) {
  std::filesystem::path dir = RecordedRunCopy("report-twice");
  CliRun first = RunBootstorm({"report", dir.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find((dir / "report.junit.xml").string()), std::string::npos);
  std::string xml = ReadFileText(dir / "report.junit.xml");
  std::string md = ReadFileText(dir / "report.md");
  // The fixture is a detect run whose activator was caught: no failure in JUnit.
  EXPECT_EQ(xml.find("<failure "), std::string::npos);
  EXPECT_NE(xml.find("caught by resolv-conf-intact"), std::string::npos);
  EXPECT_NE(md.find("caught by resolv-conf-intact"), std::string::npos);
  ASSERT_EQ(RunBootstorm({"report", dir.string()}).exit_code, 0);
  EXPECT_EQ(ReadFileText(dir / "report.junit.xml"), xml);
  EXPECT_EQ(ReadFileText(dir / "report.md"), md);
  EXPECT_FALSE(std::filesystem::exists(dir / "report.md.tmp"));
}

TEST(ReportCli, BadRunFolderIsAnErrorNamingThePath) {
  std::filesystem::path dir = FreshTestDir("report-bad");
  CliRun missing = RunBootstorm({"report", (dir / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find((dir / "nope").string()), std::string::npos) << missing.err;

  std::filesystem::create_directories(dir / "empty");
  CliRun empty = RunBootstorm({"report", (dir / "empty").string()});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find((dir / "empty" / "results.json").string()), std::string::npos);

  std::filesystem::path run = RecordedRunCopy("report-corrupt");
  std::ofstream(run / "results.json") << R"({"schema_version": 2, "run_id": 7})";
  CliRun corrupt = RunBootstorm({"report", run.string()});
  EXPECT_EQ(corrupt.exit_code, 2);
  EXPECT_NE(corrupt.err.find((run / "results.json").string() + ": results.run_id: "),
            std::string::npos)
      << corrupt.err;
}

TEST(VerifyCli, BadSuiteIsAnErrorNamingFileAndPath) {
  std::filesystem::path dir = FreshTestDir("verify-bad");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "suite.json") << R"({"name": "x", "scenarios": ["nope.json"]})";
  CliRun r =
      RunBootstorm({"verify", (dir / "suite.json").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "suite.json").string() + ": suite.scenarios[0]: no scenario file"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(VerifyCli, ShippedSuitesAreValid) {
  for (const char* suite : {"release.json", "ci-verify.json"}) {
    std::filesystem::path file = ScenarioPath(std::string("suites/") + suite);
    std::ifstream in(file);
    EXPECT_TRUE(in.good()) << file;
  }
}

}  // namespace
}  // namespace bootstorm
