#include "run_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "bad_input.h"
#include "boots_log.h"
#include "results_json.h"

namespace bootstorm {

namespace {

/// The files whose presence makes a folder a run's.
constexpr const char* kRunFiles[] = {"run.json", "boots.jsonl", "results.json"};

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

void RequireNoRunIn(const std::filesystem::path& dir, std::string_view flag) {
  for (const char* file : kRunFiles) {
    std::error_code ec;
    // symlink_status: a dangling link still means someone put a run file there.
    if (std::filesystem::symlink_status(dir / file, ec).type() ==
        std::filesystem::file_type::not_found)
      continue;
    throw BadInput(fmt::format(
        "{} {}: holds a run ({}); continue it with `bootstorm run --resume {}` or pick another "
        "folder",
        flag, dir.string(), file, dir.string()));
  }
}

RunStore::RunStore(std::filesystem::path dir, bool resumed, double seconds_before,
                   Cancellation& stop_on_error)
    : dir_(std::move(dir)), seconds_before_(seconds_before), stop_on_error_(stop_on_error) {
  if (!resumed) RequireNoRunIn(dir_, "run folder");
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec)
    throw std::runtime_error(fmt::format("{}: cannot create: {}", dir_.string(), ec.message()));
  std::filesystem::path boots = dir_ / "boots.jsonl";
  if (resumed) CutTornLine(boots);
  // O_EXCL: a fresh run never truncates another run's records, even one that appeared meanwhile.
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | (resumed ? 0 : O_CREAT | O_EXCL);
  boots_fd_ = open(boots.c_str(), flags, 0644);
  if (boots_fd_ < 0)
    throw std::runtime_error(
        fmt::format("{}: cannot open for writing: {}", boots.string(), std::strerror(errno)));
}

RunStore::~RunStore() { close(boots_fd_); }

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
  std::string error;
  {
    std::lock_guard lock(mu_);
    if (!write_error_.empty()) return;
    off_t before = lseek(boots_fd_, 0, SEEK_END);
    std::string_view rest = line;
    while (!rest.empty()) {
      ssize_t n = write(boots_fd_, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        write_error_ = fmt::format("{}: writing the record of vm {} boot {} failed: {}",
                                   (dir_ / "boots.jsonl").string(), vm, boot.boot,
                                   n < 0 ? std::strerror(errno) : "nothing written");
        // A torn line would hide the records before it from a reader: cut it.
        if (before >= 0 && ftruncate(boots_fd_, before) != 0) {
          // Resume cuts a torn last line too.
        }
        error = write_error_;
        break;
      }
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  if (!error.empty()) stop_on_error_.Cancel(error);
}

std::string RunStore::write_error() const {
  std::lock_guard lock(mu_);
  return write_error_;
}

void RunStore::WriteResults(const RunRecord& run) { WriteResultsJson(run, dir_ / "results.json"); }

}  // namespace bootstorm
