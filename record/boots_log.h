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
  /// Bytes of the complete records, newlines included.
  std::size_t complete_bytes = 0;
  /// Bytes after the last complete record: a line torn by a kill, ignored.
  std::size_t torn_bytes = 0;
  /// The last record is complete but its newline was never written.
  bool missing_newline = false;
};

/// Parses boots.jsonl text. A final line without a newline is kept when it
/// is a whole valid record (`missing_newline`); otherwise it is counted in
/// `torn_bytes` and ignored. Throws BadInput
/// "<file>:<line>: <what>" for any complete line that is not a valid record.
BootsLog ParseBootsLog(std::string_view text, const std::string& file);

/// Reads (at most kMaxBootsLogBytes) and parses a boots.jsonl file; a
/// missing file is an empty log. Throws BadInput as
/// ParseBootsLog, FileReadError when the file exists but cannot be read.
BootsLog ReadBootsLog(const std::filesystem::path& path);

}  // namespace bootstorm
