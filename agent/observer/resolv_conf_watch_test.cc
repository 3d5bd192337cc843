#include "resolv_conf_watch.h"

#include <gtest/gtest.h>
#include <sys/fanotify.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace bootstorm {
namespace {

TEST(ResolvConfOpOf, OneOpPerRecordEvenWhenTheKernelMergedSeveral) {
  EXPECT_EQ(ResolvConfOpOf(FAN_MODIFY), "modify");
  EXPECT_EQ(ResolvConfOpOf(FAN_CLOSE_WRITE), "modify");
  EXPECT_EQ(ResolvConfOpOf(FAN_MODIFY | FAN_CLOSE_WRITE), "modify");
  EXPECT_EQ(ResolvConfOpOf(FAN_CREATE | FAN_MODIFY | FAN_CLOSE_WRITE), "create");
  EXPECT_EQ(ResolvConfOpOf(FAN_MOVED_TO | FAN_ATTRIB), "moved-to");
  EXPECT_EQ(ResolvConfOpOf(FAN_MOVED_FROM), "moved-from");
  EXPECT_EQ(ResolvConfOpOf(FAN_DELETE), "delete");
  EXPECT_EQ(ResolvConfOpOf(FAN_ATTRIB), "attrib");
  EXPECT_EQ(ResolvConfOpOf(FAN_ONDIR), "");
}

// Every op it names is one the protocol has.
TEST(ResolvConfOpOf, NamesOnlyProtocolOps) {
  for (std::uint64_t mask : {FAN_CREATE, FAN_MODIFY, FAN_CLOSE_WRITE, FAN_MOVED_TO, FAN_MOVED_FROM,
                             FAN_DELETE, FAN_ATTRIB}) {
    std::string op = ResolvConfOpOf(mask);
    EXPECT_NE(std::find(std::begin(kHistoryOpsResolvConf), std::end(kHistoryOpsResolvConf), op),
              std::end(kHistoryOpsResolvConf))
        << op;
  }
}

}  // namespace
}  // namespace bootstorm

namespace bootstorm {
namespace {

/// One FAN_REPORT_DFID_NAME record as the kernel lays it out.
std::string Record(std::uint64_t mask, int pid, const std::string& handle,
                   const std::string& name) {
  std::string info;
  fanotify_event_info_header header = {};
  header.info_type = FAN_EVENT_INFO_TYPE_DFID_NAME;
  __kernel_fsid_t fsid = {{7, 9}};
  std::uint32_t handle_bytes = static_cast<std::uint32_t>(handle.size());
  int handle_type = 1;
  info.append(reinterpret_cast<const char*>(&header), sizeof header);
  info.append(reinterpret_cast<const char*>(&fsid), sizeof fsid);
  info.append(reinterpret_cast<const char*>(&handle_bytes), sizeof handle_bytes);
  info.append(reinterpret_cast<const char*>(&handle_type), sizeof handle_type);
  info += handle + name + '\0';
  info.resize((info.size() + 3) / 4 * 4, '\0');  // names pad to 4, not 8
  std::uint16_t len = static_cast<std::uint16_t>(info.size());
  std::memcpy(info.data() + offsetof(fanotify_event_info_header, len), &len, sizeof len);
  fanotify_event_metadata meta = {};
  meta.event_len = static_cast<std::uint32_t>(sizeof meta + info.size());
  meta.vers = FANOTIFY_METADATA_VERSION;
  meta.metadata_len = sizeof meta;
  meta.mask = mask;
  meta.fd = FAN_NOFD;
  meta.pid = pid;
  return std::string(reinterpret_cast<const char*>(&meta), sizeof meta) + info;
}

TEST(ParseFanotifyRecords, UnalignedRecordsWithNames) {
  std::string bytes = Record(FAN_MODIFY, 512, "12345678", "resolv.conf") +
                      Record(FAN_MOVED_TO, 600, "abcd", "stub-resolv.conf");
  ASSERT_NE(bytes.size() % 8, 0u);
  std::vector<FanotifyRecord> records = ParseFanotifyRecords(bytes.data(), bytes.size());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].mask, FAN_MODIFY);
  EXPECT_EQ(records[0].pid, 512);
  EXPECT_EQ(records[0].name, "resolv.conf");
  EXPECT_TRUE(records[0].fid.ends_with("12345678"));
  EXPECT_EQ(records[1].pid, 600);
  EXPECT_EQ(records[1].name, "stub-resolv.conf");
  EXPECT_TRUE(records[1].fid.ends_with("abcd"));
  EXPECT_EQ(records[0].fid.substr(0, 12), records[1].fid.substr(0, 12));  // same fsid, type
}

TEST(ParseFanotifyRecords, TruncatedInputKeepsOnlyWholeRecords) {
  std::string one = Record(FAN_MODIFY, 512, "12345678", "resolv.conf");
  std::string bytes = one + one;
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_EQ(ParseFanotifyRecords(bytes.data(), n).size(), n < one.size() ? 0u : 1u) << n;
}

}  // namespace
}  // namespace bootstorm
