// Replacing a file so that a reader (or a run killed mid-write) never sees it
// half-written.
#pragma once

#include <filesystem>
#include <string_view>

namespace bootstorm {

/// Writes `text` to a temporary file of a unique name beside `path`, syncs
/// it and renames it over `path`, so concurrent writers of the same file
/// never collide and the last rename wins whole. Throws std::runtime_error
/// naming the file on I/O errors; the temporary file is then removed.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view text);

}  // namespace bootstorm
