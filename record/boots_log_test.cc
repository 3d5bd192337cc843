#include "boots_log.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

RecordedBoot Recorded(int vm, int boot, double run_seconds) {
  RecordedBoot r;
  r.vm = vm;
  r.run_seconds = run_seconds;
  r.boot.boot = boot;
  r.boot.plan.run_id = "0123abcd";
  r.boot.plan.vm = vm;
  r.boot.plan.boot = boot;
  r.boot.outcome = Outcome::kPass;
  r.boot.seconds = 20.5;
  r.boot.console_log = "vm-000/boot-1.console.log";
  return r;
}

TEST(BootsLog, RoundTripsLines) {
  std::string text = FormatBootsLine(Recorded(0, 1, 30)) + FormatBootsLine(Recorded(1, 1, 31.25));
  BootsLog log = ParseBootsLog(text, "boots.jsonl");
  ASSERT_EQ(log.boots.size(), 2u);
  EXPECT_EQ(log.boots[0], Recorded(0, 1, 30));
  EXPECT_EQ(log.boots[1], Recorded(1, 1, 31.25));
  EXPECT_EQ(log.complete_bytes, text.size());
  EXPECT_EQ(log.torn_bytes, 0u);
}

TEST(BootsLog, IgnoresATornLastLine) {
  std::string whole = FormatBootsLine(Recorded(0, 1, 30));
  std::string torn = FormatBootsLine(Recorded(0, 2, 60)).substr(0, 25);
  BootsLog log = ParseBootsLog(whole + torn, "boots.jsonl");
  ASSERT_EQ(log.boots.size(), 1u);
  EXPECT_EQ(log.complete_bytes, whole.size());
  EXPECT_EQ(log.torn_bytes, torn.size());
}

TEST(BootsLog, KeepsACompleteLastRecordWithoutItsNewline) {
  std::string whole = FormatBootsLine(Recorded(0, 1, 30));
  std::string last = FormatBootsLine(Recorded(0, 2, 60));
  last.pop_back();
  BootsLog log = ParseBootsLog(whole + last, "boots.jsonl");
  ASSERT_EQ(log.boots.size(), 2u);
  EXPECT_EQ(log.boots[1], Recorded(0, 2, 60));
  EXPECT_EQ(log.complete_bytes, whole.size() + last.size());
  EXPECT_EQ(log.torn_bytes, 0u);
  EXPECT_TRUE(log.missing_newline);
}

TEST(BootsLog, MalformedLineInTheMiddleNamesFileAndLine) {
  std::string text = FormatBootsLine(Recorded(0, 1, 30)) + "{\"vm\": 0, \"run_seconds\": 1}\n" +
                     FormatBootsLine(Recorded(0, 2, 60));
  try {
    ParseBootsLog(text, "run/boots.jsonl");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "run/boots.jsonl:2: record.boot: missing");
  }
  EXPECT_THROW(ParseBootsLog("garbage\n", "b"), std::invalid_argument);
  EXPECT_THROW(ParseBootsLog("\n", "b"), std::invalid_argument);
}

// Found in issue 17: 100k levels crashed report, replay and --resume.
TEST(BootsLog, DeeplyNestedLineIsAnErrorNamingFileAndLine) {
  std::string deep =
      R"({"vm": 0, "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}\n";
  try {
    ParseBootsLog(FormatBootsLine(Recorded(0, 1, 30)) + deep, "boots.jsonl");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("boots.jsonl:2: record.x"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("nested deeper than 64 levels"), std::string::npos);
  }
}

TEST(BootsLog, UnknownKeyIsAnError) {
  std::string line = FormatBootsLine(Recorded(0, 1, 30));
  line.insert(1, "\"typo\": 1, ");
  try {
    ParseBootsLog(line, "boots.jsonl");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "boots.jsonl:1: record.typo: unknown key");
  }
}

TEST(BootsLog, MissingFileIsEmpty) {
  BootsLog log = ReadBootsLog("/nonexistent/boots.jsonl");
  EXPECT_TRUE(log.boots.empty());
  EXPECT_EQ(log.complete_bytes, 0u);
}

}  // namespace
}  // namespace bootstorm
