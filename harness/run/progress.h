// Progress of a run for the person watching it: on a terminal a live status
// line (done / running / failed / infra, ETA) under the log lines; elsewhere
// (CI, pipes) only the plain log lines.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "run_record.h"

namespace bootstorm {

struct ProgressCounts {
  int boots_total = 0;
  int boots_done = 0;
  int running = 0;
  int sut_failures = 0;  ///< boots
  int infra_errors = 0;  ///< boots (after retries)
};

/// "12/200 boots done, 2 running, 1 failed, 0 infra, ETA 4m10s"; the ETA is
/// left out until a boot has finished.
std::string FormatStatus(const ProgressCounts& counts, std::chrono::seconds elapsed);

class Progress {
 public:
  /// `live`: redraw a status line (only for terminals).
  Progress(int boots_total, bool live, std::FILE* out = stdout);

  /// Prints one log line (thread-safe), keeping the status line below it.
  void Log(const std::string& line);
  /// A domain (one attempt of a boot) started or ended.
  void DomainStarted();
  void DomainEnded();
  /// A boot has its final outcome (after any retries).
  void BootFinished(Outcome outcome);
  /// Clears the status line (call before the final summary).
  void Finish();

  /// True when stdout is a terminal and $CI is not set.
  static bool StdoutIsInteractive();

 private:
  void RedrawLocked();
  /// Writes and flushes `text`; after a failed write (the reader is gone)
  /// writes nothing more.
  void WriteLocked(const std::string& text);

  std::mutex mu_;
  ProgressCounts counts_;
  bool live_;
  std::FILE* out_;  ///< null once a write failed
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace bootstorm
