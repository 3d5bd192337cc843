// A libvirt daemon that dies mid-run, on real VMs and a private daemon
// (ci/libvirt-instance rc1, so the main daemon is never touched). When it
// comes back, the run reconnects: the boots it cut off are infra errors
// retried with the same plan, and nothing of the run is left. When it stays
// away past the reconnect bound, the run ends with infra errors and still
// writes its results; once the daemon is back, `bootstorm gc` leaves nothing.
#include <gtest/gtest.h>

#include <chrono>

#include "cli_test_support.h"
#include "reconnect_backoff.h"

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;

bool MentionsLostConnection(const std::string& text) {
  return text.find("libvirt connection to ") != std::string::npos &&
         text.find(" lost: ") != std::string::npos;
}

void RecordWallSeconds(Clock::time_point since) {
  double seconds = std::chrono::duration<double>(Clock::now() - since).count();
  testing::Test::RecordProperty("run_wall_seconds", std::to_string(seconds));
  std::printf("run wall time: %.0f s\n", seconds);
}

TEST(DaemonRestartIntegration, BootsCutOffAreRetriedAndNothingIsLeft) {
  PrivateDaemon daemon("rc1");
  Clock::time_point start = Clock::now();
  BackgroundRun run("daemon-restart", daemon.uri(), {"--jobs", "2"});
  ASSERT_TRUE(run.WaitForLine(": started ")) << run.transcript();
  daemon.Kill();  // the QEMU processes run on; the restarted daemon reattaches them
  daemon.Start();
  run.Finish();
  RecordWallSeconds(start);
  // Every boot the restart cut off was retried once the daemon was back.
  EXPECT_EQ(run.exit_code(), 0) << run.transcript();
  ASSERT_TRUE(std::filesystem::exists(run.out() / "results.json")) << run.transcript();
  nlohmann::json results = ReadJsonFile(run.out() / "results.json");
  EXPECT_EQ(results["summary"]["sut_failure"], 0) << run.transcript();
  int lost = 0;
  for (const auto& vm : results["vms"]) {
    for (const auto& boot : vm["boots"]) {
      EXPECT_TRUE(boot["outcome"] == "pass" || boot["outcome"] == "infra_error") << boot.dump(2);
      for (const auto& error : boot.value("retried_infra_errors", nlohmann::json::array()))
        lost += MentionsLostConnection(error.get<std::string>());
    }
  }
  EXPECT_GE(lost, 1) << run.transcript();
  EXPECT_EQ(LeftoversOf(run.run_id(), daemon.uri()), std::vector<std::string>{})
      << run.transcript();
}

TEST(DaemonRestartIntegration, DaemonAwayPastTheBoundEndsInInfraErrors) {
  PrivateDaemon daemon("rc1");
  Clock::time_point start = Clock::now();
  BackgroundRun run("daemon-away", daemon.uri(), {"--jobs", "2"});
  ASSERT_TRUE(run.WaitForLine(": started ")) << run.transcript();
  daemon.Kill();
  run.Finish();  // gives up kReconnectBound after the loss
  RecordWallSeconds(start);
  EXPECT_GE(Clock::now() - start, kReconnectBound);
  EXPECT_EQ(run.exit_code(), 3) << run.transcript();
  ASSERT_TRUE(std::filesystem::exists(run.out() / "results.json")) << run.transcript();
  nlohmann::json results = ReadJsonFile(run.out() / "results.json");
  EXPECT_EQ(results["summary"]["pass"], 0);
  EXPECT_EQ(results["summary"]["sut_failure"], 0);
  EXPECT_EQ(results["summary"]["infra_error"], 2);
  for (const auto& vm : results["vms"]) {
    for (const auto& boot : vm["boots"]) {
      EXPECT_EQ(boot["outcome"], "infra_error");
      EXPECT_TRUE(MentionsLostConnection(boot["infra_error"].get<std::string>())) << boot.dump(2);
    }
  }

  // What the run could not remove while the daemon was away is left to gc.
  daemon.Start();
  CliRun gc = RunBootstorm({"gc", "--connect", daemon.uri()});
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(LeftoversOf(run.run_id(), daemon.uri()), std::vector<std::string>{}) << gc.out;
}

}  // namespace
}  // namespace bootstorm
