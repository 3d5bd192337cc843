// boots.jsonl, a run's record of finished boots: one JSON object per line,
// the boot record plus "vm" and "run_seconds", appended and flushed as each
// boot finishes. Only the last line can be torn (by a SIGKILL mid-write).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "run_record.h"

namespace bootstorm {

struct RecordedBoot {
  int vm = 0;
  /// Run time when the boot was recorded, counted over all sessions of the
  /// run (a resumed run continues from its earlier sessions' last record).
  double run_seconds = 0;
  BootRecord boot;
  bool operator==(const RecordedBoot&) const = default;
};

/// The line for `r`, newline included.
std::string FormatBootsLine(const RecordedBoot& r);

struct BootsLog {
  std::vector<RecordedBoot> boots;
  /// Bytes up to and including the last newline: the complete lines.
  std::size_t complete_bytes = 0;
  /// Bytes after the last newline: a line torn by a kill, ignored.
  std::size_t torn_bytes = 0;
};

/// Parses boots.jsonl text. A final line without a newline is not parsed
/// but counted in `torn_bytes`. Throws BadInput
/// "<file>:<line>: <what>" for any complete line that is not a valid record.
BootsLog ParseBootsLog(std::string_view text, const std::string& file);

/// Reads and parses a boots.jsonl file; a missing file is an empty log.
/// Throws BadInput as ParseBootsLog, std::runtime_error when
/// the file exists but cannot be read.
BootsLog ReadBootsLog(const std::filesystem::path& path);

}  // namespace bootstorm
