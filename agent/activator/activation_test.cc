#include "activation.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

const std::vector<ConnectionFile> kConnections = {
    {"bootstorm-eth0", "/etc/NetworkManager/system-connections/bootstorm-eth0.nmconnection"},
    {"bootstorm-eth1", "/etc/NetworkManager/system-connections/bootstorm-eth1.nmconnection"}};

std::vector<std::vector<std::string>> Argvs(const std::vector<CommandStep>& steps) {
  std::vector<std::vector<std::string>> argvs;
  for (const CommandStep& s : steps) argvs.push_back(s.argv);
  return argvs;
}

TEST(ActivationNeeded, OnlyWhenNmRanBeforeRenderAndFilesChanged) {
  EXPECT_TRUE(ActivationNeeded({true, true, kConnections}));
  EXPECT_FALSE(ActivationNeeded({false, true, kConnections}));  // renderer path
  EXPECT_FALSE(ActivationNeeded({true, false, kConnections}));  // nothing new for NM
  EXPECT_FALSE(ActivationNeeded({false, false, {}}));
}

TEST(ActivationReason, NamesTheRendererPath) {
  EXPECT_NE(ActivationReason({false, true, {}}).find("renderer path"), std::string::npos);
}

TEST(ActivationCommands, ReferenceReloadsNmAndConnectionsThenBringsEachUpById) {
  EXPECT_EQ(Argvs(ActivationCommands(Activator::kReference, kConnections)),
            (std::vector<std::vector<std::string>>{
                {"nmcli", "-t", "general", "status"},
                {"systemctl", "try-reload-or-restart", "NetworkManager.service"},
                {"nmcli", "connection", "reload"},
                {"nmcli", "connection", "up", "id", "bootstorm-eth0"},
                {"nmcli", "connection", "up", "id", "bootstorm-eth1"}}));
}

TEST(ActivationCommands, OnlyTheStateLogMayFail) {
  std::vector<CommandStep> steps = ActivationCommands(Activator::kReference, kConnections);
  ASSERT_EQ(steps.front().argv, (std::vector<std::string>{"nmcli", "-t", "general", "status"}));
  EXPECT_FALSE(steps.front().must_succeed);
  for (std::size_t i = 1; i < steps.size(); ++i) EXPECT_TRUE(steps[i].must_succeed) << i;
}

TEST(ActivationCommands, OnlyTheReferenceRetriesWhatTalksToNm) {
  std::vector<CommandStep> steps = ActivationCommands(Activator::kReference, kConnections);
  EXPECT_EQ(steps.front().retries, 0);
  for (std::size_t i = 1; i < steps.size(); ++i) EXPECT_GT(steps[i].retries, 0) << i;
  for (Activator a : {Activator::kLegacyInterfaces, Activator::kLegacyFinalRestart})
    for (const CommandStep& s : ActivationCommands(a, kConnections)) EXPECT_EQ(s.retries, 0);
}

TEST(ActivationCommands, BothLegacyVariantsLoadAndBringUpEachFileWithoutReload) {
  const std::string& file0 = kConnections[0].keyfile;
  const std::string& file1 = kConnections[1].keyfile;
  for (Activator a : {Activator::kLegacyInterfaces, Activator::kLegacyFinalRestart}) {
    EXPECT_EQ(
        Argvs(ActivationCommands(a, kConnections)),
        (std::vector<std::vector<std::string>>{{"nmcli", "connection", "load", file0},
                                               {"nmcli", "connection", "up", "filename", file0},
                                               {"nmcli", "connection", "load", file1},
                                               {"nmcli", "connection", "up", "filename", file1}}))
        << ActivatorName(a);
  }
}

TEST(ActivationCommands, NoneRunsNothing) {
  EXPECT_TRUE(ActivationCommands(Activator::kNone, kConnections).empty());
}

TEST(ActivationCommands, CloudInitRunsNothing) {
  EXPECT_TRUE(ActivationCommands(Activator::kCloudInit, kConnections).empty());
}

TEST(ActivationCommands, EveryCommandHasATimeout) {
  for (Activator a : kAllActivators)
    for (const CommandStep& s : ActivationCommands(a, kConnections))
      EXPECT_GT(s.timeout.count(), 0);
}

}  // namespace
}  // namespace bootstorm
