// The exit-code table of docs/EXIT_CODES.md, held against the built binary:
// usage errors are 2 for every command and create nothing, infra trouble is
// 3, and the image is found without compiled-in paths. No VM boots.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"
#include "process.h"

namespace bootstorm {
namespace {

namespace fs = std::filesystem;

/// Runs `binary` with `args` under /usr/bin/env, without $BOOTSTORM_IMAGE
/// unless `image_env` is given.
CliRun RunWithEnv(const std::string& binary, const std::vector<std::string>& args,
                  const std::string& image_env = "") {
  std::vector<std::string> argv{"/usr/bin/env", "-u", "BOOTSTORM_IMAGE"};
  if (!image_env.empty()) argv.push_back("BOOTSTORM_IMAGE=" + image_env);
  argv.push_back(binary);
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = RunProcess(argv, std::chrono::minutes(2));
  return CliRun{r.exit_code, r.out, r.err};
}

TEST(ExitCodes, UnknownFlagIsUsageForEveryCommand) {
  for (const char* command : {"run", "verify", "replay", "shrink", "report", "gc", "doctor"}) {
    CliRun r = RunBootstorm({command, "--no-such-flag"});
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
  }
}

TEST(ExitCodes, MissingInputIsUsageForEveryCommand) {
  fs::path out = FreshTestDir("exit-codes-missing") / "out";
  const std::string missing = "/nonexistent/bootstorm-input";
  std::vector<std::vector<std::string>> commands = {
      {"run", missing + ".json", "--out", out.string()},
      {"run", "--resume", missing},
      {"verify", missing + ".json", "--out", out.string()},
      {"replay", missing, "--vm", "0", "--out", out.string()},
      {"shrink", missing, "--vm", "0", "--out", out.string()},
      {"report", missing},
  };
  for (const std::vector<std::string>& args : commands) {
    CliRun r = RunBootstorm(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << args[0];
  }
}

TEST(ExitCodes, BadScenarioInASuiteIsUsage) {
  fs::path dir = FreshTestDir("exit-codes-bad-suite");
  std::ofstream(dir / "bad.json") << R"({"name": "bad", "vm_count": 1})";
  std::ofstream(dir / "suite.json") << R"({"name": "s", "scenarios": ["bad.json"]})";
  CliRun r =
      RunBootstorm({"verify", (dir / "suite.json").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

// A malformed URI is refused while parsing the flags: no run folder exists.
TEST(ExitCodes, MalformedConnectIsUsageBeforeAnythingIsCreated) {
  fs::path dir = FreshTestDir("exit-codes-connect");
  for (const char* bad : {"garbage", "qemu:///system,0", "qemu:/system"}) {
    std::vector<std::vector<std::string>> commands = {
        {"run", ScenarioPath("smoke.json").string(), "--out", (dir / "run").string()},
        {"verify", ScenarioPath("suites/ci-verify.json").string(), "--out",
         (dir / "verify").string()},
        {"gc"},
    };
    for (std::vector<std::string> args : commands) {
      args.insert(args.end(), {"--connect", bad});
      CliRun r = RunBootstorm(args);
      EXPECT_EQ(r.exit_code, 2) << args[0] << " " << bad << ": " << r.err;
      EXPECT_NE(r.err.find(fmt::format("--connect \"{}\"", bad)), std::string::npos) << r.err;
    }
  }
  EXPECT_FALSE(fs::exists(dir / "run"));
  EXPECT_FALSE(fs::exists(dir / "verify"));
}

// The suite's scenario cannot reach its host: nothing failed in the SUT, so
// the suite has no verdict (3), not a failure (1).
TEST(ExitCodes, VerifyWithInfraTroubleOnlyIsInfra) {
  fs::path dir = FreshTestDir("exit-codes-verify-infra");
  CliRun r = RunBootstorm({"verify", ScenarioPath("suites/ci-verify.json").string(), "--out",
                           (dir / "out").string(), "--connect",
                           "qemu+unix:///system?socket=/nonexistent/libvirt-sock"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("NOT met"), std::string::npos) << r.out;
}

TEST(ExitCodes, GcOnAnUnreachableHostIsInfra) {
  CliRun r = RunBootstorm({"gc", "--connect", "qemu+unix:///system?socket=/nonexistent/sock"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
}

TEST(Version, PrintsTheProjectVersionAndCommit) {
  CliRun r = RunBootstorm({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("bootstorm 0.")) << r.out;
  EXPECT_NE(r.out.find(" ("), std::string::npos) << r.out;
}

/// The binary hard-linked into a folder of its own: /proc/self/exe names
/// that folder, so build/image is not beside it.
fs::path LinkedBinary(const std::string& test) {
  fs::path dir = FreshTestDir(test);
  fs::create_hard_link(BootstormBinary(), dir / "bootstorm");
  return dir / "bootstorm";
}

TEST(ImageLookup, NoImageAnywhereIsUsageNamingThePlaces) {
  fs::path binary = LinkedBinary("image-lookup-none");
  CliRun r = RunWithEnv(binary.string(), {"run", ScenarioPath("smoke.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find((binary.parent_path() / "image").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("share/bootstorm/image"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("BOOTSTORM_IMAGE"), std::string::npos) << r.err;
}

// The image beside the binary is found; the run then names its missing file.
TEST(ImageLookup, FindsTheImageBesideTheBinary) {
  fs::path binary = LinkedBinary("image-lookup-beside");
  fs::create_directories(binary.parent_path() / "image");
  std::ofstream(binary.parent_path() / "image" / "base.qcow2") << "x";
  CliRun r = RunWithEnv(binary.string(), {"run", ScenarioPath("smoke.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find((binary.parent_path() / "image" / "vmlinuz").string()), std::string::npos)
      << r.err;
}

TEST(ImageLookup, EnvironmentComesBeforeTheBuildTree) {
  CliRun r = RunWithEnv(BootstormBinary(), {"run", ScenarioPath("smoke.json").string()},
                        "/nonexistent-env-image");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("/nonexistent-env-image/base.qcow2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace bootstorm
