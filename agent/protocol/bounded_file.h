// The one way bootstorm reads a whole file it did not write itself this
// process: regular files only, a size cap chosen by the caller, no hang on a
// fifo, and one exception type whose message names the path and the reason.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "bad_input.h"

namespace bootstorm {

/// A file could not be read: missing, not a regular file, over its cap, or an
/// I/O error. what() is "PATH: REASON". Bad input: the file was named by
/// the user or found in a folder the user named.
class FileReadError : public BadInput {
 public:
  FileReadError(const std::filesystem::path& path, const std::string& reason)
      : BadInput(path.string() + ": " + reason) {}
};

// Caps per kind of file, far above what a real one holds.
inline constexpr std::size_t kMaxScenarioBytes = 1 << 20;
inline constexpr std::size_t kMaxSuiteBytes = 1 << 20;
inline constexpr std::size_t kMaxRunManifestBytes = 4 << 20;  // holds the scenario's text
inline constexpr std::size_t kMaxResultsBytes = std::size_t{512} << 20;
inline constexpr std::size_t kMaxBootsLogBytes = std::size_t{512} << 20;

struct ReadFileOptions {
  /// Refuse a symbolic link as the last component (O_NOFOLLOW).
  bool no_follow = false;
};

/// The whole content of the regular file at `path`, at most `max_bytes` long.
/// Throws FileReadError for a missing file, a folder, fifo, socket or device,
/// a file longer than `max_bytes` (also one that grows past it while read),
/// and read errors. Opening never blocks on a fifo.
std::string ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                            ReadFileOptions options = {});

}  // namespace bootstorm
