#include "nm_reloads.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace bootstorm {
namespace {

std::string Entry(std::string_view message_id, std::int64_t us, std::string_view job_type,
                  std::string_view job_result = "") {
  std::string result =
      job_result.empty() ? "" : ",\"JOB_RESULT\":\"" + std::string(job_result) + "\"";
  return "{\"__CURSOR\":\"s=1;i=2\",\"__MONOTONIC_TIMESTAMP\":\"" + std::to_string(us) +
         "\",\"_BOOT_ID\":\"b\",\"MESSAGE_ID\":\"" + std::string(message_id) +
         "\",\"JOB_TYPE\":\"" + std::string(job_type) + "\"" + result + "}\n";
}
const std::string kStarting = "7d4958e842da4a758f6c1cdc7b36dcc5";
const std::string kStopping = "de5b426a63be47a7b6ac3eaac82e2f6f";
const std::string kReloading = "d34d037fff1847e6ae669a370e694725";
const std::string kStarted = "39f53479d3a045ac8e11786248231fbf";
const std::string kReloaded = "7b05ebc668384222baa8881179cfda54";

// Network stage activating from 10 s to 20 s; final from 30 s, still running.
const std::vector<TimelineEvent> kTimeline = {
    {"NetworkManager.service", "inactive-exit", 5'000'000},
    {"bootstorm-network.service", "inactive-exit", 10'000'000},
    {"bootstorm-network.service", "active-enter", 20'000'000},
    {"NetworkManager-wait-online.service", "inactive-exit", 21'000'000},
    {"bootstorm-final.service", "inactive-exit", 30'000'000}};

TEST(NmJobJournalQuery, AsksForSystemdsMessagesAboutNmOnly) {
  std::vector<std::string> argv = NmJobJournalQuery();
  EXPECT_EQ(argv.front(), "journalctl");
  EXPECT_NE(std::find(argv.begin(), argv.end(), "UNIT=NetworkManager.service"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "_PID=1"), argv.end());
}

TEST(ParseNmJobJournal, FirstStartIsNoEventAReloadIsAttributedToItsStage) {
  std::string journal = Entry(kStarting, 5'000'000, "start") + Entry(kStarted, 6'000'000, "start") +
                        Entry(kReloading, 15'000'000, "reload");
  EXPECT_EQ(ParseNmJobJournal(journal, kTimeline),
            (std::vector<NmReload>{{"reload", 15'000'000, "bootstorm-network.service"}}));
}

TEST(ParseNmJobJournal, AFailedReloadJobIsNoReloadItsRetryIs) {
  std::string journal =
      Entry(kReloading, 12'000'000, "reload") + Entry(kReloaded, 12'100'000, "reload", "failed") +
      Entry(kReloading, 14'000'000, "reload") + Entry(kReloaded, 14'500'000, "reload", "done");
  EXPECT_EQ(ParseNmJobJournal(journal, kTimeline),
            (std::vector<NmReload>{{"reload", 14'000'000, "bootstorm-network.service"}}));
}

TEST(ParseNmJobJournal, StopThenStartIsARestartOfTheStillActivatingUnit) {
  std::string journal = Entry(kStarting, 5'000'000, "start") +
                        Entry(kStopping, 31'000'000, "stop") +
                        Entry(kStarting, 32'000'000, "start");
  EXPECT_EQ(ParseNmJobJournal(journal, kTimeline),
            (std::vector<NmReload>{{"restart", 31'000'000, "bootstorm-final.service"}}));
}

TEST(ParseNmJobJournal, OutsideEveryAgentUnitNobodyAsked) {
  std::string journal =
      Entry(kReloading, 25'000'000, "reload") + Entry(kStopping, 26'000'000, "stop");
  EXPECT_EQ(ParseNmJobJournal(journal, kTimeline),
            (std::vector<NmReload>{{"reload", 25'000'000, ""}, {"stop", 26'000'000, ""}}));
}

TEST(ParseNmJobJournal, SkipsMalformedLinesAndIsBounded) {
  std::string journal =
      "not json\n{\"MESSAGE_ID\":\"" + kReloading + "\"}\n[1,2]\n{\"__MONOTONIC_TIMESTAMP\":7}\n";
  EXPECT_TRUE(ParseNmJobJournal(journal, kTimeline).empty());
  journal.clear();
  for (int i = 1; i <= 100; ++i) journal += Entry(kReloading, i, "reload");
  EXPECT_EQ(ParseNmJobJournal(journal, {}).size(), kMaxNmReloads);
}

// A journal line of NetworkManager's with `message` as its MESSAGE.
std::string NmLine(std::int64_t us, std::string_view message) {
  return nlohmann::json{{"__MONOTONIC_TIMESTAMP", std::to_string(us)}, {"MESSAGE", message}}
             .dump() +
         "\n";
}

TEST(NmActivationJournalQuery, AsksForNmsOwnAuditLinesOfActivations) {
  std::vector<std::string> argv = NmActivationJournalQuery();
  EXPECT_EQ(argv.front(), "journalctl");
  EXPECT_NE(std::find(argv.begin(), argv.end(), "_SYSTEMD_UNIT=NetworkManager.service"),
            argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "--grep=op=\"connection-activate\""), argv.end());
}

TEST(ParseNmActivationJournal, ASuccessfulActivationIsAttributedToTheStartingUnit) {
  std::string journal = NmLine(15'000'000,
                               "<info>  [1733.1] audit: op=\"connection-activate\" uuid=\"5f1b\" "
                               "name=\"cloud-init ens2\" pid=812 uid=0 result=\"success\"") +
                        NmLine(25'000'000,
                               "<info>  [1743.2] audit: op=\"connection-activate\" uuid=\"5f1b\" "
                               "name=6e616d6520776974682022 pid=900 uid=0 result=\"success\"");
  EXPECT_EQ(ParseNmActivationJournal(journal, kTimeline),
            (std::vector<NmActivation>{{"cloud-init ens2", 15'000'000, "bootstorm-network.service"},
                                       {"6e616d6520776974682022", 25'000'000, ""}}));
}

TEST(ParseNmActivationJournal, FailedRequestsOtherOpsAndMalformedLinesAreNoActivation) {
  std::string journal =
      NmLine(12'000'000,
             "<info>  audit: op=\"connection-activate\" name=\"x\" pid=1 uid=0 "
             "result=\"fail\" reason=\"No suitable device found\"") +
      NmLine(13'000'000,
             "<info>  audit: op=\"connections-load\" args=\"/etc/x\" result=\"success\"") +
      NmLine(14'000'000, "<info>  device (ens2): Activation: starting connection 'x'") +
      "not json\n" + NmLine(0, "audit: op=\"connection-activate\" result=\"success\"");
  EXPECT_TRUE(ParseNmActivationJournal(journal, kTimeline).empty());
  journal.clear();
  for (int i = 1; i <= 100; ++i)
    journal += NmLine(i, "audit: op=\"connection-activate\" name=\"x\" result=\"success\"");
  EXPECT_EQ(ParseNmActivationJournal(journal, {}).size(), kMaxNmActivations);
}

}  // namespace
}  // namespace bootstorm
