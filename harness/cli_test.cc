// The CLI on bad input: exit code 2 and a message naming the file and field.
// No VM is started: validation happens before connecting to libvirt.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "cli_test_support.h"

namespace bootstorm {
namespace {

std::filesystem::path WriteScenario(const std::string& name, const std::string& text) {
  std::filesystem::path path = FreshTestDir("cli-" + name) / (name + ".json");
  std::ofstream(path) << text;
  return path;
}

TEST(Cli, TypoInScenarioKeyExits2NamingFileAndField) {
  auto path = WriteScenario(
      "typo", R"({"name": "t", "vm_count": 2, "network": {"nameservers": ["192.0.2.53"]}})");
  CliRun r = RunBootstorm({"run", path.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path.string() + ": scenario.vm_count: unknown key"), std::string::npos)
      << r.err;
}

TEST(Cli, WrongTypeExits2NamingFileAndField) {
  auto path = WriteScenario(
      "type", R"({"name": "t", "boots": "two", "network": {"nameservers": ["192.0.2.53"]}})");
  CliRun r = RunBootstorm({"run", path.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path.string() + ": scenario.boots: expected a whole number"),
            std::string::npos)
      << r.err;
}

TEST(Cli, MalformedJsonExits2NamingFile) {
  auto path = WriteScenario("malformed", R"({"name": "t", "network": )");
  CliRun r = RunBootstorm({"run", path.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path.string() + ": scenario: malformed JSON"), std::string::npos) << r.err;
}

TEST(Cli, MissingScenarioFileExits2) {
  CliRun r = RunBootstorm({"run", "/nonexistent/s.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/s.json: cannot read: No such file"), std::string::npos)
      << r.err;
}

// Found in issue 17: /dev/zero grew the process until the OOM killer came,
// and a fifo blocked forever.
TEST(Cli, ScenarioThatIsNotARegularFileExits2AtOnce) {
  CliRun zero = RunBootstorm({"run", "/dev/zero"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("/dev/zero: is a device, not a file"), std::string::npos) << zero.err;
  std::filesystem::path fifo = FreshTestDir("cli-fifo") / "s.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CliRun r = RunBootstorm({"run", fifo.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(fifo.string() + ": is a fifo, not a file"), std::string::npos) << r.err;
}

TEST(Cli, ReportOnDeeplyNestedResultsExits2NamingFileAndLimit) {
  std::filesystem::path dir = FreshTestDir("cli-deep");
  std::ofstream(dir / "results.json") << std::string(100000, '[') << std::string(100000, ']');
  CliRun r = RunBootstorm({"report", dir.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((dir / "results.json").string() + ": results"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nested deeper than 64 levels"), std::string::npos) << r.err;
}

TEST(Cli, UnknownOptionAndUnknownActivatorExit2) {
  EXPECT_EQ(RunBootstorm({"run", ScenarioPath("smoke.json").string(), "--bogus"}).exit_code, 2);
  EXPECT_EQ(RunBootstorm({}).exit_code, 2);
  CliRun r = RunBootstorm({"run", ScenarioPath("smoke.json").string(), "--activator", "magic"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--activator"), std::string::npos) << r.err;
}

TEST(Cli, MissingImageExits2WithAHint) {
  CliRun r = RunBootstorm(
      {"run", ScenarioPath("smoke.json").string(), "--image", "/nonexistent-image-dir"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ci/setup"), std::string::npos) << r.err;
}

TEST(Cli, ShippedScenariosAreValid) {
  for (const auto& entry : std::filesystem::directory_iterator(BOOTSTORM_SCENARIOS_DIR)) {
    // scenario.schema.json describes scenarios; it is not one.
    if (entry.path().extension() != ".json" || entry.path().stem().extension() == ".schema")
      continue;
    // An image folder that does not exist stops the run right after validation.
    CliRun r = RunBootstorm({"run", entry.path().string(), "--image", "/nonexistent-image-dir"});
    EXPECT_EQ(r.err.find("scenario."), std::string::npos) << entry.path() << ": " << r.err;
  }
}

TEST(Cli, BadConnectExits2NamingIt) {
  for (const char* bad : {"qemu:///system,abc", "qemu:///system,0", ""}) {
    for (const char* command : {"run", "gc"}) {
      std::vector<std::string> args{command, "--connect", bad};
      if (args[0] == "run") args.push_back(ScenarioPath("smoke.json").string());
      CliRun r = RunBootstorm(args);
      EXPECT_EQ(r.exit_code, 2) << command << " " << bad;
      EXPECT_NE(r.err.find(fmt::format("--connect \"{}\"", bad)), std::string::npos) << r.err;
    }
  }
}

// The doctor as a user runs it: an unreachable daemon is a failure with a fix,
// and the checks that need no daemon still run.
TEST(CliDoctor, UnreachableDaemonExits3AndSaysHowToFix) {
  CliRun r =
      RunBootstorm({"doctor", "--connect", "qemu+unix:///system?socket=/nonexistent/libvirt-sock",
                    "--image", "/nonexistent-image-dir"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  libvirt connection"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fix: ci/libvirt-up"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL  guest image: /nonexistent-image-dir/base.qcow2 is missing"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("tool qemu-img"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bootstorm
