#include "nm_bus.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace bootstorm {
namespace {

TEST(NmDeviceStateWords, SaysWhatNmcliSays) {
  EXPECT_EQ(NmDeviceStateWords(100, false), "connected");
  EXPECT_EQ(NmDeviceStateWords(100, true), "connected (externally)");
  EXPECT_EQ(NmDeviceStateWords(70, false), "connecting (getting IP configuration)");
  EXPECT_EQ(NmDeviceStateWords(30, true), "disconnected");  // only an activated device is external
  EXPECT_EQ(NmDeviceStateWords(10, false), "unmanaged");
  EXPECT_EQ(NmDeviceStateWords(120, false), "connection failed");
  EXPECT_EQ(NmDeviceStateWords(0, false), "unknown");
  EXPECT_EQ(NmDeviceStateWords(105, false), "unknown");
}

TEST(QueryNmOverBus, NoBusLeavesEverythingEmptyAndSaysWhy) {
  std::string log_path = testing::TempDir() + "/nm-bus-" + std::to_string(getpid()) + ".log";
  const char* saved = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
  std::string restore = saved ? saved : "";
  setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bootstorm-test-bus", 1);
  NmBusState state = QueryNmOverBus(std::chrono::seconds(5), AgentLog(log_path, "probe"));
  if (saved) {
    setenv("DBUS_SYSTEM_BUS_ADDRESS", restore.c_str(), 1);
  } else {
    unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
  }
  EXPECT_EQ(state.dns_mode, "");
  EXPECT_TRUE(state.device_states.empty());
  std::stringstream log;
  log << std::ifstream(log_path).rdbuf();
  EXPECT_NE(log.str().find("system bus"), std::string::npos) << log.str();
  std::remove(log_path.c_str());
}

}  // namespace
}  // namespace bootstorm
