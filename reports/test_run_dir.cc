#include "test_run_dir.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "boots_log.h"

namespace bootstorm {

std::filesystem::path HostileRunDir() {
  return std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "hostile-run";
}

RunRecord ReadTestRun(const std::filesystem::path& dir) {
  std::ifstream in(dir / "run.json");
  if (!in) throw std::invalid_argument((dir / "run.json").string() + ": cannot read");
  nlohmann::json manifest = nlohmann::json::parse(in);
  nlohmann::json scenario = nlohmann::json::parse(manifest.at("scenario_text").get<std::string>());
  RunRecord run;
  run.run_id = manifest.at("run_id").get<std::string>();
  run.scenario_name = scenario.at("name").get<std::string>();
  run.scenario_file = manifest.at("scenario_file").get<std::string>();
  run.started_at = manifest.at("started_at").get<std::string>();
  run.uri = manifest.at("hosts").at(0).at("uri").get<std::string>();
  run.virt_type = manifest.at("virt_type").get<std::string>();
  run.vms_planned = scenario.at("vms").get<int>();
  std::map<int, VmRecord> vms;
  for (RecordedBoot& r : ReadBootsLog(dir / "boots.jsonl").boots) {
    VmRecord& vm = vms[r.vm];
    vm.vm = r.vm;
    vm.domain = "bootstorm-" + run.run_id + "-vm" + std::to_string(1000 + r.vm).substr(1);
    vm.uri = run.uri;
    run.wall_seconds = std::max(run.wall_seconds, r.run_seconds);
    vm.boots.push_back(std::move(r.boot));
  }
  for (auto& [n, vm] : vms) {
    std::sort(vm.boots.begin(), vm.boots.end(),
              [](const BootRecord& a, const BootRecord& b) { return a.boot < b.boot; });
    run.vms.push_back(std::move(vm));
  }
  return run;
}

std::size_t CountOf(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace bootstorm
