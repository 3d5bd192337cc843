// `bootstorm verify` on the tiny ci-verify suite: boots a real VM.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

TEST(VerifyIntegration, CiSuiteWritesTheCombinedReport) {
  std::filesystem::path out = FreshTestDir("verify-ci") / "out";
  CliRun r = RunBootstorm({"verify", ScenarioPath("suites/ci-verify.json").string(), "--out",
                           out.string(), "--connect", TestUri()});
  // The suite's one scenario runs a known-bad activator that must be caught.
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("detect-legacy-interfaces: met (expects detect)"), std::string::npos)
      << r.out;

  std::string md = ReadFileText(out / "report.md");
  EXPECT_NE(md.find("# bootstorm verify: ci-verify"), std::string::npos) << md;
  EXPECT_NE(md.find("every scenario met its expectation (1 of 1)"), std::string::npos) << md;
  EXPECT_NE(md.find("met: caught by resolv-conf-intact"), std::string::npos) << md;
  std::string xml = ReadFileText(out / "report.junit.xml");
  EXPECT_NE(xml.find("<testsuite name=\"bootstorm.detect-legacy-interfaces\""), std::string::npos);
  // A caught known-bad activator is a met expectation: no failed case in
  // the JUnit a CI system reads, and it says what caught it.
  EXPECT_EQ(xml.find("<failure"), std::string::npos) << xml;
  EXPECT_NE(xml.find("resolv-conf-intact"), std::string::npos) << xml;

  // Each scenario is an ordinary run folder with its own reports.
  std::filesystem::path run = out / "detect-legacy-interfaces";
  EXPECT_TRUE(std::filesystem::exists(run / "results.json"));
  EXPECT_TRUE(std::filesystem::exists(run / "report.md"));
  EXPECT_TRUE(std::filesystem::exists(run / "report.junit.xml"));
}

}  // namespace
}  // namespace bootstorm
