// The HTML report of a run: one self-contained page (inline CSS, one inline
// script, inline SVG; no fetches) that release verification reports can
// carry. The summary and per scenario the pass rate with its 95% bound, per
// VM and boot the unit timeline, per failure what was seen and how to rerun
// it, and filters by verdict.
#pragma once

#include <filesystem>
#include <string>

#include "run_record.h"

namespace bootstorm {

/// The self-contained HTML report of the run recorded in `run` (results.json's model), with
/// console excerpts read (bounded) from `run_dir`. A pure function of its inputs: byte-identical
/// for the same run directory.
std::string RenderHtmlReport(const RunRecord& run, const std::filesystem::path& run_dir);

}  // namespace bootstorm
