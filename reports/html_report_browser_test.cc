// The HTML report of the hostile recorded run (reports/testdata/hostile-run)
// in headless Chromium: its script runs without errors, every timeline has
// one lane per unit of interest, and the guest's markup stays text. Leaves
// report.html and report-screenshot.png in the build directory (the README's
// picture). Labelled `browser` in CTest; needs Debian's chromium (ci/setup).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "html_report.h"
#include "rerun_commands.h"
#include "test_run_dir.h"

namespace bootstorm {
namespace {

const std::filesystem::path kBuildDir = BOOTSTORM_BUILD_DIR;

struct Output {
  int status = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Headless Chromium on `page` with `args`, a fresh profile, at most 120 s.
Output Chromium(const std::filesystem::path& page, const std::string& args) {
  std::filesystem::path profile = kBuildDir / "chromium-test-profile";
  std::filesystem::path err = kBuildDir / "chromium-test.stderr";
  std::filesystem::remove_all(profile);
  std::string command =
      "timeout 120 " + ShellWord(BOOTSTORM_CHROMIUM) +
      " --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions "
      "--disable-dev-shm-usage --disable-background-networking --hide-scrollbars "
      "--enable-logging=stderr --log-level=0 --user-data-dir=" +
      ShellWord(profile.string()) + " " + args + " " + ShellWord("file://" + page.string()) +
      " 2>" + ShellWord(err.string()) + " </dev/null";
  Output o;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) o.out.append(buffer, n);
    o.status = pclose(p);
  }
  o.err = ReadFile(err);
  std::filesystem::remove_all(profile);
  return o;
}

/// The page's console messages in Chromium's log (script errors, blocked
/// content; a script the policy refuses is named with its expected hash).
std::string ConsoleMessages(const std::string& log) {
  std::string messages;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos) messages += line + "\n";
  }
  return messages;
}

class HtmlReportBrowserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    page_ = kBuildDir / "report.html";
    std::ofstream(page_, std::ios::binary)
        << RenderHtmlReport(ReadTestRun(HostileRunDir()), HostileRunDir());
    dom_ = new Output(Chromium(page_, "--dump-dom"));
  }
  static void TearDownTestSuite() { delete dom_; }

  void SetUp() override {
    ASSERT_EQ(dom_->status, 0) << "chromium (" << BOOTSTORM_CHROMIUM
                               << ") failed; install Debian's chromium (ci/setup):\n"
                               << dom_->err;
  }

  /// The <body ...> start tag of the dumped DOM.
  static std::string BodyTag() {
    std::smatch m;
    std::regex_search(dom_->out, m, std::regex("<body[^>]*>"));
    return m.empty() ? "" : m.str();
  }

  static inline std::filesystem::path page_;
  static inline Output* dom_ = nullptr;
};

TEST_F(HtmlReportBrowserTest, ScriptRanWithoutErrors) {
  std::string body = BodyTag();
  EXPECT_NE(body.find("data-ready=\"1\""), std::string::npos) << body << "\n"
                                                              << ConsoleMessages(dom_->err);
  EXPECT_EQ(ConsoleMessages(dom_->err), "");
  EXPECT_NE(body.find("data-script-errors=\"\""), std::string::npos) << body;
  EXPECT_NE(body.find("class=\"js\""), std::string::npos) << body;
  // The filters counted the VMs.
  EXPECT_NE(dom_->out.find("<span class=\"shown\">2 of 2 VMs shown</span>"), std::string::npos);
}

TEST_F(HtmlReportBrowserTest, EveryTimelineHasOneLanePerUnitOfInterest) {
  std::size_t timelines = CountOf(dom_->out, "<svg class=\"timeline");
  EXPECT_EQ(timelines, 3u);
  for (std::string_view unit : kTimelineUnits) {
    EXPECT_EQ(CountOf(dom_->out, "<g class=\"lane\" data-unit=\"" + std::string(unit) + "\">"),
              timelines)
        << unit;
  }
  EXPECT_EQ(CountOf(dom_->out, "<g class=\"lane\""), timelines * std::size(kTimelineUnits));
}

TEST_F(HtmlReportBrowserTest, HostileGuestStringsAreText) {
  EXPECT_EQ(CountOf(dom_->out, "<script"), 1u);  // the page's own
  EXPECT_EQ(CountOf(dom_->out, "<img"), 0u);
  EXPECT_EQ(BodyTag().find("data-pwned"), std::string::npos);
  EXPECT_GT(CountOf(dom_->out, "&lt;script&gt;alert(1)&lt;/script&gt;"), 0u);
  EXPECT_GT(CountOf(dom_->out, "&lt;img src=x onerror=\"document.body.dataset.pwned=1\"&gt;"), 0u);
}

TEST_F(HtmlReportBrowserTest, Screenshot) {
  std::filesystem::path png = kBuildDir / "report-screenshot.png";
  std::filesystem::remove(png);
  Output o = Chromium(page_, "--window-size=1280,2000 --screenshot=" + ShellWord(png.string()));
  EXPECT_EQ(o.status, 0) << o.err;
  ASSERT_TRUE(std::filesystem::exists(png)) << o.err;
  EXPECT_EQ(ReadFile(png).substr(0, 8), "\x89PNG\r\n\x1A\n");
}

}  // namespace
}  // namespace bootstorm
