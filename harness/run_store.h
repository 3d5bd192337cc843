// The run directory (Jepsen's store): every finished boot is appended to
// boots.jsonl and flushed as it happens, so a killed run loses nothing that
// finished; results.json is derived from those records at the end.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "run_record.h"

namespace bootstorm {

class RunStore {
 public:
  /// Creates `dir` (and parents) and opens its boots.jsonl. A fresh run
  /// (`resumed` false) starts it empty; a resumed one keeps the earlier
  /// sessions' records but cuts off a torn last line (a kill mid-write), and
  /// counts run time on from `seconds_before`. Throws std::runtime_error.
  RunStore(std::filesystem::path dir, bool resumed, double seconds_before);

  const std::filesystem::path& dir() const { return dir_; }
  /// Folder for one VM's files (created on demand).
  std::filesystem::path VmDir(int vm) const;
  /// Relative path of a boot attempt's console log inside the run dir.
  static std::string ConsoleLogName(int vm, int boot, int attempt = 1);

  /// Run time so far: `seconds_before` plus the time since construction.
  double RunSeconds() const;
  /// Appends one line {"vm": N, "run_seconds": S, ...boot record...} to
  /// boots.jsonl and flushes.
  void AppendBoot(int vm, const BootRecord& boot);
  /// Writes results.json atomically.
  void WriteResults(const RunRecord& run);

 private:
  std::filesystem::path dir_;
  double seconds_before_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex mu_;
  std::ofstream boots_;
};

}  // namespace bootstorm
