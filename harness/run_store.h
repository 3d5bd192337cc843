// The run directory (Jepsen's store): every finished boot is appended to
// boots.jsonl and flushed as it happens, so a killed run loses nothing that
// finished; results.json is written from the whole record at the end.
#pragma once

#include <filesystem>
#include <fstream>
#include <mutex>

#include "run_record.h"

namespace bootstorm {

class RunStore {
 public:
  /// Creates `dir` (and parents). Throws std::runtime_error when it cannot.
  explicit RunStore(std::filesystem::path dir);

  const std::filesystem::path& dir() const { return dir_; }
  /// Folder for one VM's files (created on demand).
  std::filesystem::path VmDir(int vm) const;
  /// Relative path of a boot attempt's console log inside the run dir.
  static std::string ConsoleLogName(int vm, int boot, int attempt = 1);

  /// Appends one line {"vm": N, ...boot record...} to boots.jsonl and flushes.
  void AppendBoot(int vm, const BootRecord& boot);
  /// Writes results.json atomically.
  void WriteResults(const RunRecord& run);

 private:
  std::filesystem::path dir_;
  std::mutex mu_;
  std::ofstream boots_;
};

}  // namespace bootstorm
