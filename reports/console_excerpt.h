// The end of a boot's serial console log, as a report shows it next to a
// failure: bounded, whatever the guest wrote.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bootstorm {

struct ConsoleExcerpt {
  std::vector<std::string> lines;  ///< the last lines, without terminal escapes and CRs
  bool truncated = false;          ///< earlier output was left out
  std::string error;               ///< why there are no lines ("" when the file was read)
};

/// Terminal control sequences (colours, cursor moves) and carriage returns
/// removed from one console line; other bytes are kept for the escaper.
std::string StripTerminalControls(std::string_view line);

/// The guest time, in seconds since its kernel started, that a kernel line
/// is stamped with ("[   28.460060] ..."); nullopt for unstamped lines.
/// Observations' monotonic times are on the same clock.
std::optional<double> ConsoleLineSeconds(std::string_view line);

/// Lines [first, last) of `lines` centred on guest time `seconds`: `context`
/// lines either side of the first line stamped at or after it (the last
/// stamped line when none is); nullopt when no line carries a stamp.
struct LineRange {
  std::size_t first = 0, last = 0;
};
std::optional<LineRange> LinesAround(const std::vector<std::string>& lines, double seconds,
                                     std::size_t context);

/// The last `max_lines` lines of the file `relative` inside `run_dir`, read
/// from at most its last `max_bytes` bytes (a partial first line is dropped).
/// A path that is absolute or leaves the run directory is not read: the
/// records name files in it only. A missing or unreadable file gives `error`.
ConsoleExcerpt ReadConsoleExcerpt(const std::filesystem::path& run_dir, const std::string& relative,
                                  std::size_t max_lines = 60, std::size_t max_bytes = 8 * 1024);

}  // namespace bootstorm
