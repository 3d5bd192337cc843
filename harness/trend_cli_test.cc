// `bootstorm trend` through the built binary on the two recorded fixture
// runs; no VM boots.
#include <gtest/gtest.h>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

const std::filesystem::path kTestdata = BOOTSTORM_REPORTS_TESTDATA;

TEST(TrendCli, WritesMarkdownAndHtmlOverTwoRuns) {
  std::filesystem::path out = FreshTestDir("trend-two") / "out";
  CliRun run = RunBootstorm({"trend", (kTestdata / "recorded-run").string(),
                             (kTestdata / "hostile-run").string(), "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find((out / "trend.md").string()), std::string::npos);
  std::string md = ReadFileText(out / "trend.md");
  EXPECT_NE(md.find("| detect-legacy-interfaces | resolv-conf-intact | "), std::string::npos) << md;
  EXPECT_NE(md.find("| hostile-fixture | resolv-conf-intact | "), std::string::npos) << md;
  std::string html = ReadFileText(out / "trend.html");
  EXPECT_NE(html.find("<svg "), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(TrendCli, NotARunFolderIsAnErrorNamingIt) {
  std::filesystem::path dir = FreshTestDir("trend-bad");
  CliRun run = RunBootstorm({"trend", (dir / "nope").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find((dir / "nope").string()), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "trend.md"));
}

}  // namespace
}  // namespace bootstorm
