#include "run_manifest.h"

#include <gtest/gtest.h>

#include <fstream>

namespace bootstorm {
namespace {

RunManifest Sample() {
  RunManifest m;
  m.run_id = "0123abcd";
  m.scenario_file = "scenarios/smoke.json";
  m.scenario_text = "{\"name\": \"smoke\"}\n";
  m.activator = "legacy-interfaces";
  m.hosts = {{{"qemu:///system", 2}, 3}, {{"qemu+ssh://b/system", 1}, 0}};
  m.image_dir = "/work/build/image";
  m.image_key = "5f3a9c0e1b2d4a67";
  m.infra_retries = 1;
  m.virt_type = "qemu";
  m.started_at = "2024-05-01T12:00:00Z";
  m.resumes = 2;
  return m;
}

std::string ErrorOf(const nlohmann::json& j) {
  try {
    RunManifestFromJson(j, "out/run.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(RunManifest, RoundTripsThroughJson) {
  EXPECT_EQ(RunManifestFromJson(ToJson(Sample()), "run.json"), Sample());
}

TEST(RunManifest, StrictErrorsNameTheFileAndField) {
  nlohmann::json j = ToJson(Sample());
  j["hosts"][0]["subnet_slot"] = "3";
  EXPECT_EQ(ErrorOf(j),
            "out/run.json: run.hosts[0].subnet_slot: expected a whole number, got string");
  j = ToJson(Sample());
  j.erase("image_key");
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.image_key: missing");
  j = ToJson(Sample());
  j["jobs"] = 2;
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.jobs: unknown key");
  j = ToJson(Sample());
  j["version"] = 9;
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.version: this bootstorm reads version 2, not 9");
}

TEST(RunManifest, HostsAreStrict) {
  nlohmann::json j = ToJson(Sample());
  j["hosts"] = nlohmann::json::array();
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.hosts: expected at least one host");
  j = ToJson(Sample());
  j["hosts"][1]["weight"] = 0;
  EXPECT_EQ(ErrorOf(j).rfind("out/run.json: run.hosts[1].weight: ", 0), 0u) << ErrorOf(j);
  j = ToJson(Sample());
  j["hosts"][1]["uri"] = "qemu:///system";
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.hosts[1].uri: given twice");
  j = ToJson(Sample());
  j["hosts"][0]["jobs"] = 1;
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.hosts[0].jobs: unknown key");
  // A run.json of version 1 had one "uri" and "subnet_slot" instead of hosts.
  j = ToJson(Sample());
  j["version"] = 1;
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.version: this bootstorm reads version 2, not 1");
}

TEST(RunManifest, ExplicitPlansRoundTripAndAreStrict) {
  RunManifest m = Sample();
  EXPECT_FALSE(ToJson(m).contains("plans"));  // a run of PlanBoot's plans
  BootPlan p;
  p.run_id = m.run_id;
  p.activator = Activator::kLegacyInterfaces;
  p.faults.resize(1);
  p.faults[0].kind = kFaultNmBeforeLocal;
  m.plans = {{p}};
  EXPECT_EQ(RunManifestFromJson(ToJson(m), "run.json"), m);
  nlohmann::json j = ToJson(m);
  j["plans"][0][0]["faults"][0]["kind"] = "nm-after-lunch";
  EXPECT_EQ(ErrorOf(j).rfind("out/run.json: run.plans[0][0].faults[0].kind: ", 0), 0u)
      << ErrorOf(j);
  j["plans"][0] = 1;
  EXPECT_EQ(ErrorOf(j), "out/run.json: run.plans[0]: expected an array of plans");
}

TEST(RunManifest, WritesAndReadsAFile) {
  std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "bootstorm-manifest";
  std::filesystem::create_directories(dir);
  WriteRunManifest(Sample(), dir / "run.json");
  EXPECT_EQ(ReadRunManifest(dir / "run.json"), Sample());
  EXPECT_FALSE(std::filesystem::exists(dir / "run.json.tmp"));

  std::ofstream(dir / "torn.json") << "{\"version\": 1, \"run_id\": ";
  try {
    ReadRunManifest(dir / "torn.json");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind((dir / "torn.json").string() + ": run: malformed JSON", 0), 0u)
        << e.what();
  }
  EXPECT_THROW(ReadRunManifest(dir / "missing.json"), std::invalid_argument);
}

}  // namespace
}  // namespace bootstorm
