// The run directory (Jepsen's store): every finished boot is appended to
// boots.jsonl and flushed as it happens, so a killed run loses nothing that
// finished; results.json is derived from those records at the end.
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "cancellation.h"
#include "run_record.h"

namespace bootstorm {

/// Throws std::invalid_argument when `dir` holds a run (run.json,
/// boots.jsonl or results.json), naming `flag` and saying how to resume it
/// or pick another folder: nothing a run recorded is ever overwritten.
void RequireNoRunIn(const std::filesystem::path& dir, std::string_view flag);

class RunStore {
 public:
  /// Creates `dir` (and parents) and opens its boots.jsonl. A fresh run
  /// (`resumed` false) creates it and refuses a folder that holds a run
  /// (RequireNoRunIn); a resumed one keeps the earlier sessions' records but
  /// cuts off a torn last line (a kill mid-write), and counts run time on
  /// from `seconds_before`. A failed write of a boot record cancels
  /// `stop_on_error`. Throws std::invalid_argument or std::runtime_error.
  RunStore(std::filesystem::path dir, bool resumed, double seconds_before,
           Cancellation& stop_on_error);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  /// Folder for one VM's files (created on demand).
  std::filesystem::path VmDir(int vm) const;
  /// Relative path of a boot attempt's console log inside the run dir.
  static std::string ConsoleLogName(int vm, int boot, int attempt = 1);

  /// Run time so far: `seconds_before` plus the time since construction.
  double RunSeconds() const;
  /// Appends one line {"vm": N, "run_seconds": S, ...boot record...} to
  /// boots.jsonl. Never throws (it runs on VM threads): a failed write sets
  /// write_error(), cancels the run and refuses later records, so the file
  /// keeps whole lines only up to the failure.
  void AppendBoot(int vm, const BootRecord& boot);
  /// "" or what made a write of boots.jsonl fail, naming the file.
  std::string write_error() const;
  /// Writes results.json atomically. Throws std::runtime_error.
  void WriteResults(const RunRecord& run);

 private:
  std::filesystem::path dir_;
  double seconds_before_;
  Cancellation& stop_on_error_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  mutable std::mutex mu_;
  int boots_fd_ = -1;
  std::string write_error_;
};

}  // namespace bootstorm
