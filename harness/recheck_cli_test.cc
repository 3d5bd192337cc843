// `bootstorm recheck` through the built binary on the recorded fixture run
// (a real run of detect-legacy-interfaces); no VM boots.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

const std::filesystem::path kRecordedRun =
    std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "recorded-run";

TEST(RecheckCli, TheStoredHistoryGivesTheRecordedVerdicts) {
  CliRun run = RunBootstorm({"recheck", kRecordedRun.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;  // the known-bad activator is caught
  // The record predates activation-once's activations, so its evidence
  // differs; its verdicts do not.
  EXPECT_NE(run.out.find("vm 0 boot 1: sut_failure (verdicts as recorded; failed: "
                         "resolv-conf-intact"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("2 boots judged again, 0 verdicts differ from the record"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("expectation met"), std::string::npos) << run.out;
}

TEST(RecheckCli, ATamperedObservationChangesTheVerdictAndSaysSo) {
  std::filesystem::path dir = FreshTestDir("recheck-tampered") / "run";
  std::filesystem::copy(kRecordedRun, dir, std::filesystem::copy_options::recursive);
  // The name server NetworkManager wrote, in the observations only (the
  // recorded checks keep theirs): the history now tells another story.
  std::string text = ReadFileText(dir / "boots.jsonl");
  std::string tampered;
  std::size_t lines = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    std::size_t observations = line.find("\"observations\":");
    ASSERT_NE(observations, std::string::npos);
    std::string head = line.substr(0, observations), tail = line.substr(observations);
    for (std::size_t at; (at = tail.find("nameserver 198.51.100.1")) != std::string::npos;)
      tail.replace(at, 23, "nameserver 192.0.2.99");
    tampered += head + tail + "\n";
    ++lines;
    start = end + 1;
  }
  ASSERT_EQ(lines, 2u);
  std::ofstream(dir / "boots.jsonl", std::ios::trunc) << tampered;
  CliRun run = RunBootstorm({"recheck", dir.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;  // still caught
  // The same invariants fail, on other evidence: said, and not counted as a
  // changed verdict.
  EXPECT_NE(run.out.find("(verdicts as recorded; failed: resolv-conf-intact"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("192.0.2.99"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0 verdicts differ from the record (2 more with the same verdicts on "
                         "other evidence)"),
            std::string::npos)
      << run.out;
}

TEST(RecheckCli, ARecordedCheckThatDidNotApplyReadsAsNaWithItsReason) {
  std::filesystem::path dir = FreshTestDir("recheck-not-applicable") / "run";
  std::filesystem::copy(kRecordedRun, dir, std::filesystem::copy_options::recursive);
  // Boot 1's recorded resolv-conf-intact, made a check that did not apply.
  std::string text = ReadFileText(dir / "boots.jsonl");
  std::string failed = "\"message\":\"at after-network: ";
  std::size_t at = text.find(failed);
  ASSERT_NE(at, std::string::npos);
  std::size_t end = text.find("\"name\":\"resolv-conf-intact\",\"verdict\":\"fail\"}", at);
  ASSERT_NE(end, std::string::npos);
  text.replace(at, end - at, "\"applicable\":false,\"message\":\"<not> for this SUT\",");
  std::ofstream(dir / "boots.jsonl", std::ios::trunc) << text;
  CliRun run = RunBootstorm({"recheck", dir.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("n/a: resolv-conf-intact (<not> for this SUT); now failed: "
                         "resolv-conf-intact"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 verdicts differ"), std::string::npos) << run.out;
}

TEST(RecheckCli, NotARunFolderExits2NamingTheFile) {
  std::filesystem::path dir = FreshTestDir("recheck-none");
  CliRun run = RunBootstorm({"recheck", dir.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find((dir / "run.json").string()), std::string::npos) << run.err;
}

}  // namespace
}  // namespace bootstorm
