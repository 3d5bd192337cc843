// File operations with the guarantees the agent's outputs need: bounded
// reads, and atomic replacement so no reader (or power cut) sees a torn file.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

namespace bootstorm {

/// The file's content, following symlinks, at most `max_bytes` of it;
/// nullopt when it cannot be opened.
std::optional<std::string> ReadFileBounded(const std::string& path, std::size_t max_bytes);

/// Atomically makes `path` a regular file with `content` and `mode`: writes a
/// temporary file in the same folder, fsyncs it, renames it over `path`
/// (replacing a symlink rather than writing through it) and fsyncs the folder.
/// Does nothing when `path` already is such a file. Returns whether it wrote.
/// Throws std::system_error on failure.
bool ReplaceFileIfDifferent(const std::string& path, const std::string& content, mode_t mode);

/// Appends `line` and a newline with one write(2) on an O_APPEND descriptor,
/// which keeps lines of concurrent writers whole. Creates the file (0644).
/// Never throws; returns whether all of it was written.
bool AppendLine(const std::string& path, const std::string& line);

/// mkdir -p; throws std::system_error on failure.
void MakeDirectories(const std::string& path, mode_t mode = 0755);

}  // namespace bootstorm
