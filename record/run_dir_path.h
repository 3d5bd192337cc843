// Paths that records name inside a run folder (console logs, histories).
// Records are untrusted input when read back: a name must never lead out.
#pragma once

#include <filesystem>

namespace bootstorm {

/// Whether `relative` names a file below the run directory (not empty, no
/// root, no ".."): the records name files in it only.
bool StaysInside(const std::filesystem::path& relative);

}  // namespace bootstorm
