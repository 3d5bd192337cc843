// Ctrl-C and SIGTERM in the middle of a real run: the run tears down what it
// created, writes the results so far and exits with an infra error.
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
