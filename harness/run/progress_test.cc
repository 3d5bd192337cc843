#include "progress.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

namespace bootstorm {
namespace {

using std::chrono::seconds;

TEST(FormatStatus, NoEtaBeforeTheFirstBootOrAfterTheLast) {
  EXPECT_EQ(FormatStatus({200, 0, 2, 0, 0}, seconds(30)),
            "0/200 boots done, 2 running, 0 failed, 0 infra");
  EXPECT_EQ(FormatStatus({4, 4, 0, 1, 1}, seconds(90)),
            "4/4 boots done, 0 running, 1 failed, 1 infra");
}

TEST(FormatStatus, EtaScalesElapsedByRemainingBoots) {
  // 10 boots in 100 s, 190 to go: 1900 s.
  EXPECT_EQ(FormatStatus({200, 10, 2, 0, 0}, seconds(100)),
            "10/200 boots done, 2 running, 0 failed, 0 infra, ETA 31m40s");
}

std::string Captured(bool live) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(2, live, f);
    p.DomainStarted();
    p.Log("vm 0 boot 1: started");
    p.DomainEnded();
    p.BootFinished(Outcome::kSutFailure);
    p.Finish();
  }
  std::rewind(f);
  std::string text;
  for (int c; (c = std::fgetc(f)) != EOF;) text.push_back(static_cast<char>(c));
  std::fclose(f);
  return text;
}

TEST(Progress, PlainModeWritesOnlyLogLines) {
  EXPECT_EQ(Captured(false), "vm 0 boot 1: started\n");
}

TEST(Progress, LiveModeRedrawsTheStatusLine) {
  std::string text = Captured(true);
  EXPECT_NE(text.find("vm 0 boot 1: started\n"), std::string::npos);
  EXPECT_NE(text.find("[1/2 boots done, 0 running, 1 failed, 0 infra"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("\r\x1b[2K"));
}

TEST(Progress, AReaderThatWentAwayStopsTheOutputNotTheRun) {
  // As bootstorm runs: SIGPIPE ignored, so a write to a pipe with no reader fails.
  signal(SIGPIPE, SIG_IGN);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  std::FILE* f = fdopen(fds[1], "w");
  ASSERT_NE(f, nullptr);
  for (bool live : {false, true}) {
    Progress p(2, live, f);
    p.Log("vm 0 boot 1: started");  // fails: no reader
    p.DomainStarted();
    p.Log("vm 0 boot 1: pass");
    p.BootFinished(Outcome::kPass);
    p.Finish();
  }
  std::fclose(f);
}

}  // namespace
}  // namespace bootstorm
