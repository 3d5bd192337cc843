// Writes results.json: the whole run record, replaced atomically so a reader
// never sees a half-written file.
#pragma once

#include <filesystem>

#include "run_record.h"

namespace bootstorm {

/// Writes `run` as pretty JSON to `path` via a temporary file and rename.
/// Throws std::runtime_error on I/O errors.
void WriteResultsJson(const RunRecord& run, const std::filesystem::path& path);

/// Reads a results.json of any schema version this bootstorm knows. Throws
/// BadInput naming `path` (and the JSON path of the field) when
/// it is missing, unreadable or invalid.
RunRecord ReadResultsJson(const std::filesystem::path& path);

}  // namespace bootstorm
