#include "agent_log.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace bootstorm {
namespace {

TEST(FormatLogLine, PrefixesMonotonicSecondsAndSourceAndFlattensNewlines) {
  EXPECT_EQ(FormatLogLine(12.5, "local", "a\nb"), "[   12.500000] local: a b");
  EXPECT_EQ(FormatLogLine(1, "x", std::string(5000, 'y')).size(), kMaxAgentLogLineBytes);
}

TEST(AgentLog, AppendsTailsAndStopsAtTheCap) {
  std::string dir = (std::filesystem::temp_directory_path() / "agent_log_test.XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::string path = dir + "/agent.log";
  AgentLog log(path, "test");
  EXPECT_TRUE(log.Tail(10).empty());
  for (int i = 0; i < 3; ++i) log.Write("event " + std::to_string(i));
  std::vector<std::string> tail = log.Tail(2);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_TRUE(tail[0].ends_with("test: event 1"));
  EXPECT_TRUE(tail[1].ends_with("test: event 2"));

  std::string long_message(kMaxAgentLogLineBytes, 'z');
  for (std::size_t i = 0; i < 2 * kMaxAgentLogBytes / kMaxAgentLogLineBytes; ++i)
    log.Write(long_message);
  EXPECT_LE(std::filesystem::file_size(path), kMaxAgentLogBytes + kMaxAgentLogLineBytes);
  tail = log.Tail(2);
  EXPECT_TRUE(tail[1].ends_with("agent log full; further events only in the journal"));
  EXPECT_FALSE(tail[0].ends_with("journal"));  // the marker is written once
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bootstorm
