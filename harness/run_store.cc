#include "run_store.h"

#include <fmt/format.h>

#include <stdexcept>

#include "boots_log.h"
#include "results_json.h"

namespace bootstorm {

namespace {

/// Cuts off a torn last line and ends a complete last record that lacks its
/// newline, so appends start on a line of their own.
void CutTornLine(const std::filesystem::path& path) {
  BootsLog log = ReadBootsLog(path);
  if (log.torn_bytes > 0) std::filesystem::resize_file(path, log.complete_bytes);
  if (log.missing_newline) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    if (!(out << '\n' << std::flush))
      throw std::runtime_error(fmt::format("{}: cannot write", path.string()));
  }
}

}  // namespace

RunStore::RunStore(std::filesystem::path dir, bool resumed, double seconds_before)
    : dir_(std::move(dir)), seconds_before_(seconds_before) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec)
    throw std::runtime_error(fmt::format("{}: cannot create: {}", dir_.string(), ec.message()));
  std::filesystem::path boots = dir_ / "boots.jsonl";
  if (resumed) CutTornLine(boots);
  boots_.open(boots, std::ios::binary | (resumed ? std::ios::app : std::ios::trunc));
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

double RunStore::RunSeconds() const {
  return seconds_before_ +
         std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void RunStore::AppendBoot(int vm, const BootRecord& boot) {
  std::string line = FormatBootsLine({vm, RunSeconds(), boot});
  std::lock_guard lock(mu_);
  boots_ << line;
  boots_.flush();
}

void RunStore::WriteResults(const RunRecord& run) { WriteResultsJson(run, dir_ / "results.json"); }

}  // namespace bootstorm
