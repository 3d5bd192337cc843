#include "resolv_conf_watch.h"

#include <gtest/gtest.h>
#include <sys/fanotify.h>

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
