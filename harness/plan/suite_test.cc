#include "suite.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_dirs.h"

namespace bootstorm {
namespace {

class SuiteTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestTempDir("suite");
    std::filesystem::create_directories(dir_ / "suites");
    std::ofstream(dir_ / "a.json") << "{}";
    std::ofstream(dir_ / "b.json") << "{}";
  }
  std::filesystem::path file() const { return dir_ / "suites" / "s.json"; }
  std::string ErrorOf(const std::string& text) {
    try {
      ParseSuite(text, file());
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(SuiteTest, ResolvesScenariosAgainstTheSuiteFolder) {
  Suite s = ParseSuite(
      R"({"name": "release", "description": "d", "scenarios": ["../a.json", "../b.json"]})",
      file());
  EXPECT_EQ(s.name, "release");
  EXPECT_EQ(s.description, "d");
  ASSERT_EQ(s.scenarios.size(), 2u);
  EXPECT_EQ(s.scenarios[0], (dir_ / "a.json").lexically_normal());
}

TEST_F(SuiteTest, ErrorsNameFileAndJsonPath) {
  std::string f = file().string();
  EXPECT_EQ(ErrorOf(R"({"name": "x", "scenarios": ["../a.json"], "vms": 3})"),
            f + ": suite.vms: unknown key");
  EXPECT_EQ(ErrorOf(R"({"name": "x", "scenarios": ["../a.json", 7]})"),
            f + ": suite.scenarios[1]: expected a string");
  EXPECT_EQ(ErrorOf(R"({"name": 1, "scenarios": ["../a.json"]})").rfind(f + ": suite.name: ", 0),
            0u);
  EXPECT_EQ(ErrorOf(R"({"name": "x", "scenarios": []})"),
            f + ": suite.scenarios: expected at least one");
  EXPECT_NE(ErrorOf(R"({"name": "x", "scenarios": ["../nope.json"]})")
                .find(f + ": suite.scenarios[0]: no scenario file "),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"name": "x", "scenarios": ["../a.json", "../suites/../a.json"]})")
                .find("suite.scenarios[1]: "),
            std::string::npos);
  EXPECT_EQ(ErrorOf("{").rfind(f + ": suite: ", 0), 0u);
  // Found by suite_fuzzer: a name longer than the file system allows threw
  // std::filesystem::filesystem_error, which the CLI reported as infra.
  EXPECT_NE(ErrorOf(R"({"name": "x", "scenarios": [")" + std::string(5000, 'a') + R"("]})")
                .find(f + ": suite.scenarios[0]: no scenario file "),
            std::string::npos);
}

}  // namespace
}  // namespace bootstorm
