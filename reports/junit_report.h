// JUnit XML of recorded runs, for CI systems. Pure: the same records give
// the same bytes (times are the ones the run recorded, never the clock's).
//
// Layout (reports/README.md): one <testsuite> per run, named
// "bootstorm.<scenario>"; per recorded boot one <testcase> per invariant it
// checked, classname "bootstorm.<scenario>.vm-NNN" (so CI systems group a
// VM's boots) and name "boot-K.<invariant>". A failed invariant is a
// <failure> (type: the invariant) with checkpoint, expected, actual and the
// replay and shrink commands; an infra error is one <error> test case
// "boot-K" (never a failure); a VM that never ran is an <error> "not-run", and
// boots an interrupted run left out an <error> "boots-not-run".
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "run_statistics.h"

namespace bootstorm {

/// A <testsuites> document with one <testsuite> per run, in order. Valid
/// against the Ant/Windy Road JUnit.xsd; guest text is escaped and stripped
/// of characters XML 1.0 forbids.
std::string RenderJunitReport(std::span<const ReportedRun> runs);

/// The report of one run in `run_dir`.
std::string RenderRunJunitReport(const RunRecord& run, const std::filesystem::path& run_dir);

}  // namespace bootstorm
