#include "run_store.h"

#include <fmt/format.h>

#include <stdexcept>

#include "results_json.h"

namespace bootstorm {

RunStore::RunStore(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec)
    throw std::runtime_error(fmt::format("{}: cannot create: {}", dir_.string(), ec.message()));
  boots_.open(dir_ / "boots.jsonl", std::ios::binary | std::ios::app);
  if (!boots_) throw std::runtime_error(fmt::format("{}: cannot write boots.jsonl", dir_.string()));
}

std::filesystem::path RunStore::VmDir(int vm) const {
  std::filesystem::path p = dir_ / fmt::format("vm-{:03}", vm);
  std::filesystem::create_directories(p);
  return p;
}

std::string RunStore::ConsoleLogName(int vm, int boot, int attempt) {
  if (attempt > 1) return fmt::format("vm-{:03}/boot-{}.attempt-{}.console.log", vm, boot, attempt);
  return fmt::format("vm-{:03}/boot-{}.console.log", vm, boot);
}

void RunStore::AppendBoot(int vm, const BootRecord& boot) {
  nlohmann::json j = ToJson(boot);
  j["vm"] = vm;
  std::lock_guard lock(mu_);
  boots_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  boots_.flush();
}

void RunStore::WriteResults(const RunRecord& run) { WriteResultsJson(run, dir_ / "results.json"); }

}  // namespace bootstorm
