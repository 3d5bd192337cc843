#include "run_manifest.h"

#include <fstream>
#include <sstream>

#include "atomic_file.h"
#include "guest_network.h"
#include "strict_json.h"

namespace bootstorm {

nlohmann::json ToJson(const RunManifest& m) {
  return {{"version", kRunManifestVersion},
          {"run_id", m.run_id},
          {"scenario_file", m.scenario_file},
          {"scenario_text", m.scenario_text},
          {"activator", m.activator},
          {"uri", m.uri},
          {"image_dir", m.image_dir},
          {"image_key", m.image_key},
          {"retries", m.infra_retries},
          {"subnet_slot", m.subnet_slot},
          {"virt_type", m.virt_type},
          {"started_at", m.started_at},
          {"resumes", m.resumes}};
}

RunManifest RunManifestFromJson(const nlohmann::json& j, const std::string& file) {
  try {
    StrictObject o(j, "run");
    long long version = o.Integer("version", 1, 1'000'000);
    if (version != kRunManifestVersion)
      throw JsonPathError(o.PathOf("version"), "this bootstorm reads version " +
                                                   std::to_string(kRunManifestVersion) + ", not " +
                                                   std::to_string(version));
    RunManifest m;
    m.run_id = o.String("run_id");
    m.scenario_file = o.String("scenario_file");
    m.scenario_text = o.String("scenario_text");
    m.activator = o.String("activator");
    m.uri = o.String("uri");
    m.image_dir = o.String("image_dir");
    m.image_key = o.String("image_key");
    m.infra_retries = static_cast<int>(o.Integer("retries", 0, 10));
    m.subnet_slot = static_cast<int>(o.Integer("subnet_slot", 0, kSubnetSlots - 1));
    m.virt_type = o.String("virt_type");
    m.started_at = o.String("started_at");
    m.resumes = static_cast<int>(o.Integer("resumes", 0, 1'000'000));
    o.Finish();
    return m;
  } catch (const JsonPathError& e) {
    throw std::invalid_argument(file + ": " + e.what());
  }
}

RunManifest ReadRunManifest(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::invalid_argument(path.string() +
                                ": cannot read (not a run folder, or a run from before --resume)");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return RunManifestFromJson(ParseJsonText(text.str(), "run"), path.string());
  } catch (const JsonPathError& e) {  // malformed JSON
    throw std::invalid_argument(path.string() + ": " + e.what());
  }
}

void WriteRunManifest(const RunManifest& m, const std::filesystem::path& path) {
  WriteFileAtomically(path, ToJson(m).dump(2) + "\n");
}

}  // namespace bootstorm
