#include "fault_events.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace bootstorm {
namespace {

TEST(FaultEvents, RecordedEventsReadBackInOrder) {
  std::string path = testing::TempDir() + "/faults-" + std::to_string(getpid()) + ".jsonl";
  std::filesystem::remove(path);
  EXPECT_TRUE(ReadFaultEvents(path).empty());
  FaultEvent delay{"delay", "NetworkManager.service", 5'000'000, 6'500'000};
  FaultEvent kill{"nm-kill", "NetworkManager.service", 9'000'000, 9'000'100};
  ASSERT_TRUE(RecordFaultEvent(path, delay));
  ASSERT_TRUE(RecordFaultEvent(path, kill));
  EXPECT_EQ(ReadFaultEvents(path), (std::vector<FaultEvent>{delay, kill}));
  std::filesystem::remove(path);
}

TEST(FaultEvents, SkipsMalformedLinesAndKeepsTheBound) {
  std::string good =
      R"({"kind":"nm-restart","unit":"NetworkManager.service","begin_us":1,"end_us":2})";
  std::string text = "not json\n" + good + "\n" +
                     R"({"kind":"delay","unit":"x","begin_us":5,"end_us":4})" + "\n" +
                     R"({"kind":"delay","unit":"x","begin_us":5)";
  EXPECT_EQ(ParseFaultEvents(text).size(), 1u);
  std::string many;
  for (std::size_t i = 0; i < kMaxFaultEvents + 5; ++i) many += good + "\n";
  EXPECT_EQ(ParseFaultEvents(many).size(), kMaxFaultEvents);
}

}  // namespace
}  // namespace bootstorm
