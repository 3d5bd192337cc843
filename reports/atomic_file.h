// Replacing a file so that a reader (or a run killed mid-write) never sees it
// half-written.
#pragma once

#include <filesystem>
#include <string_view>

namespace bootstorm {

/// Writes `text` to `path` through "<path>.tmp" and a rename. Throws
/// std::runtime_error naming the file on I/O errors.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view text);

}  // namespace bootstorm
