#include "local_state.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(LocalState, JsonRoundTrip) {
  LocalState state{true, true, {{"bootstorm-eth0", "/etc/x/bootstorm-eth0.nmconnection"}}};
  EXPECT_EQ(ParseLocalState(ToJson(state).dump()), state);
}

TEST(LocalState, MalformedStateNamesThePath) {
  EXPECT_THROW(ParseLocalState("{"), std::invalid_argument);
  try {
    ParseLocalState(R"({"nm_running_at_render": 1, "nm_files_changed": true, "connections": []})");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "state.nm_running_at_render: expected true or false, got number");
  }
}

TEST(NmProcessRunning, CountsStatesWhereNmHasReadItsConfig) {
  EXPECT_TRUE(NmProcessRunning("active"));
  EXPECT_TRUE(NmProcessRunning("activating"));
  EXPECT_TRUE(NmProcessRunning("reloading"));
  EXPECT_FALSE(NmProcessRunning("inactive"));
  EXPECT_FALSE(NmProcessRunning("failed"));
  EXPECT_FALSE(NmProcessRunning(""));
}

}  // namespace
}  // namespace bootstorm
