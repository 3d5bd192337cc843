#include "boot_history.h"

#include <gtest/gtest.h>

#include <fstream>

#include "bad_input.h"

namespace bootstorm {
namespace {

HistoryEvent Link(std::int64_t us, std::uint64_t seq) {
  HistoryEvent e;
  e.kind = std::string(kHistoryLink);
  e.seq = seq;
  e.monotonic_us = us;
  e.ifname = "enp1s0";
  e.operstate = "up";
  return e;
}

Observation At(std::string_view checkpoint, std::int64_t us, std::string_view part = "") {
  Observation o;
  o.checkpoint = std::string(checkpoint);
  o.monotonic_us = us;
  o.part = std::string(part);
  return o;
}

TEST(BootHistory, NamedBesideTheConsoleLogOfTheSameAttempt) {
  EXPECT_EQ(HistoryLogName("vm-001/boot-2.console.log"), "vm-001/boot-2.history.jsonl");
  EXPECT_EQ(HistoryLogName("vm-001/boot-2.attempt-3.console.log"),
            "vm-001/boot-2.attempt-3.history.jsonl");
}

TEST(BootHistory, CheckpointsBecomeMarkersInGuestTimeOrder) {
  std::vector<HistoryEvent> merged =
      WithCheckpointMarkers({Link(300, 2), Link(100, 1), Link(500, 3)},
                            {At(kCheckpointEarly, 50, kPartInterrupted), At(kCheckpointFinal, 300),
                             At(kCheckpointEnd, 900)});
  ASSERT_EQ(merged.size(), 5u);  // the interrupted part's checkpoint is not one of them
  EXPECT_EQ(merged[0].seq, 1u);
  EXPECT_EQ(merged[1].seq, 2u);
  EXPECT_EQ(merged[2].kind, kHistoryMarker);  // same time: after the observer's event
  EXPECT_EQ(merged[2].name, kCheckpointFinal);
  EXPECT_EQ(merged[3].seq, 3u);
  EXPECT_EQ(merged[4].name, kCheckpointEnd);
}

TEST(BootHistory, RoundTripsThroughItsText) {
  std::vector<HistoryEvent> events = WithCheckpointMarkers({Link(1, 1)}, {At("end", 2)});
  EXPECT_EQ(ParseHistory(SerializeHistory(events), "h"), events);
  EXPECT_TRUE(ParseHistory("", "h").empty());
}

TEST(BootHistory, ABadLineIsBadInputNamingFileAndLine) {
  std::string text = SerializeHistory({Link(1, 1)}) + "{\"v\": 1, \"kind\": \"nope\"}\n";
  try {
    ParseHistory(text, "vm-000/boot-1.history.jsonl");
    FAIL() << "accepted";
  } catch (const BadInput& e) {
    EXPECT_NE(std::string(e.what()).find("vm-000/boot-1.history.jsonl line 2: history event.kind"),
              std::string::npos)
        << e.what();
  }
}

TEST(BootHistory, ReadsTheStoredFileAndNoneIsEmpty) {
  std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "boot-history-read";
  std::filesystem::remove_all(dir);
  EXPECT_TRUE(ReadBootHistory(dir, "vm-000/boot-1.console.log").empty());
  std::filesystem::create_directories(dir / "vm-000");
  std::ofstream(dir / "vm-000/boot-1.history.jsonl") << SerializeHistory({Link(7, 1)});
  EXPECT_EQ(ReadBootHistory(dir, "vm-000/boot-1.console.log").size(), 1u);
  EXPECT_THROW(ReadBootHistory(dir, "../boot-1.console.log"), BadInput);
  std::filesystem::create_symlink("/dev/zero", dir / "vm-000/boot-2.history.jsonl");
  EXPECT_THROW(ReadBootHistory(dir, "vm-000/boot-2.console.log"), BadInput);
  std::filesystem::remove_all(dir);
}

TEST(BootHistory, DescribesWritersAndRaceEvents) {
  EXPECT_EQ(DescribeWriter(HistoryWriter{512, "NetworkManager", "/usr/sbin/NetworkManager",
                                         "NetworkManager.service"}),
            "NetworkManager (pid 512, NetworkManager.service)");
  EXPECT_EQ(DescribeWriter(HistoryWriter{77, "", "", ""}),
            "a process that exited before it was named (pid 77)");
  EXPECT_EQ(DescribeWriter(std::nullopt), "an unknown process");
  HistoryEvent job;
  job.kind = std::string(kHistoryJob);
  job.op = "new";
  job.unit = "NetworkManager.service";
  job.job_type = "reload";
  EXPECT_EQ(DescribeRaceEvent(job), "reload job of NetworkManager.service queued");
  EXPECT_EQ(DescribeRaceEvent(Link(1, 1)), "enp1s0 carrier down");
  HistoryEvent marker;
  marker.kind = std::string(kHistoryMarker);
  EXPECT_EQ(DescribeRaceEvent(marker), "");
}

// reports/README.md documents each kind with exactly the members history.cc
// writes, so the table cannot drift from the one source.
TEST(BootHistory, TheReadmeListsEveryKindWithItsMembers) {
  std::ifstream in(BOOTSTORM_REPORTS_README);
  std::string readme((std::istreambuf_iterator<char>(in)), {});
  ASSERT_FALSE(readme.empty());
  for (std::string_view kind : kHistoryKinds) {
    std::string members;
    for (std::string_view m : HistoryMembersOf(kind))
      members += (members.empty() ? "`" : ", `") + std::string(m) + "`";
    std::string row = "| `" + std::string(kind) + "` | " + members + " |";
    EXPECT_NE(readme.find(row), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace bootstorm
