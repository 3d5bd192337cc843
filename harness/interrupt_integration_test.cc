// Interrupted and killed runs on real VMs: Ctrl-C and SIGTERM tear down what
// the run created and keep the results so far; after SIGKILL, `bootstorm gc`
// removes what the dead run left and nothing of a live one.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

class InterruptIntegration : public testing::TestWithParam<int> {};

TEST_P(InterruptIntegration, TearsDownAndKeepsResults) {
  namespace bp = boost::process;
  int signal = GetParam();
  std::filesystem::path out = FreshTestDir(std::string("interrupt-") + strsignal(signal));
  bp::ipstream stdout_lines;
  bp::child child(BootstormBinary(), "run", ScenarioPath("smoke.json").string(), "--out",
                  out.string(), "--jobs", "2", "--connect", TestUri(), bp::std_out > stdout_lines,
                  bp::std_in.close());
  // Interrupt once the first domain runs: the harness prints that line right
  // after virDomainCreateXML returned.
  std::string line, transcript;
  bool started = false;
  while (!started && std::getline(stdout_lines, line)) {
    transcript += line + "\n";
    started = line.find(": started ") != std::string::npos;
  }
  ASSERT_TRUE(started) << transcript;
  ASSERT_EQ(kill(child.id(), signal), 0);
  while (std::getline(stdout_lines, line)) transcript += line + "\n";
  child.wait();
  EXPECT_EQ(child.exit_code(), 3) << transcript;

  ASSERT_TRUE(std::filesystem::exists(out / "results.json")) << transcript;
  nlohmann::json results = ReadJsonFile(out / "results.json");
  EXPECT_TRUE(results["interrupted"].get<bool>());
  EXPECT_EQ(results["summary"]["pass"], 0);
  EXPECT_EQ(results["summary"]["sut_failure"], 0);
  EXPECT_EQ(results["summary"]["infra_error"], 2);
  EXPECT_EQ(LeftoversOf(results["run_id"]), std::vector<std::string>{}) << transcript;
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptIntegration, testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

}  // namespace
}  // namespace bootstorm

namespace bootstorm {
namespace {

/// A bootstorm run in the background, read line by line.
class BackgroundRun {
 public:
  explicit BackgroundRun(const std::string& name)
      : out_(FreshTestDir(name)),
        child_(BootstormBinary(), "run", ScenarioPath("smoke.json").string(), "--out",
               out_.string(), "--connect", TestUri(), boost::process::std_out > lines_,
               boost::process::std_in.close()) {}

  /// Reads output until a line contains `text`; false at end of output.
  bool WaitForLine(const std::string& text) {
    for (std::string line; std::getline(lines_, line);) {
      transcript_ += line + "\n";
      if (run_id_.empty() && line.starts_with("bootstorm run ")) run_id_ = line.substr(14, 8);
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  void Signal(int sig) { ASSERT_EQ(kill(child_.id(), sig), 0); }
  void Finish() {
    WaitForLine("\x01");  // read to the end
    child_.wait();
  }
  const std::string& run_id() const { return run_id_; }
  const std::string& transcript() const { return transcript_; }
  const std::filesystem::path& out() const { return out_; }

 private:
  std::filesystem::path out_;
  boost::process::ipstream lines_;
  boost::process::child child_;
  std::string run_id_;
  std::string transcript_;
};

TEST(KillIntegration, GcRemovesWhatAKilledRunLeftAndNothingOfALiveRun) {
  BackgroundRun live("gc-live");
  ASSERT_TRUE(live.WaitForLine(": started ")) << live.transcript();
  BackgroundRun killed("gc-killed");
  ASSERT_TRUE(killed.WaitForLine(": started ")) << killed.transcript();
  killed.Signal(SIGKILL);
  killed.Finish();
  ASSERT_FALSE(killed.run_id().empty());
  // The kill left its domain, volumes and network behind.
  EXPECT_FALSE(LeftoversOf(killed.run_id()).empty());
  // Whatever boots finished before the kill are on disk.
  EXPECT_TRUE(std::filesystem::exists(killed.out() / "boots.jsonl"));

  CliRun gc = RunBootstorm({"gc", "--connect", TestUri()});
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(LeftoversOf(killed.run_id()), std::vector<std::string>{}) << gc.out;
  std::vector<std::string> live_resources = LeftoversOf(live.run_id());
  EXPECT_FALSE(live_resources.empty()) << "gc removed a live run's resources:\n" << gc.out;

  live.Signal(SIGINT);
  live.Finish();
  EXPECT_EQ(LeftoversOf(live.run_id()), std::vector<std::string>{}) << live.transcript();
}

}  // namespace
}  // namespace bootstorm
