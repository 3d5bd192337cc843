// JUnit XML of recorded runs, for CI systems. Pure: the same records give
// the same bytes (times are the ones the run recorded, never the clock's).
//
// Layout (reports/README.md): one <testsuite> per run, named
// "bootstorm.<scenario>"; one <testcase> per recorded boot, classname
// "bootstorm.<scenario>.vm-NNN" (so CI systems group a VM's boots), name
// "boot-K", timed by the boot. A boot that failed invariants in a scenario
// expecting a pass is a <failure> (type: the invariants) with checkpoint,
// expected, actual and the replay and shrink commands; an infra error is an
// <error> (never a failure); attempts retried after infra errors are
// Surefire's <flakyError> (the case passed) or <rerunError> elements; the
// case's <system-out> attaches its console logs. A VM that never ran is an
// <error> "not-run", boots an interrupted run left out an <error>
// "boots-not-run", and a detect scenario has an "expectation" case.
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "run_statistics.h"

namespace bootstorm {

/// A <testsuites> document with one <testsuite> per run, in order. Valid
/// against reports/testdata/bootstorm-junit.xsd; guest text is escaped and
/// stripped of characters XML 1.0 forbids.
std::string RenderJunitReport(std::span<const ReportedRun> runs);

/// The report of one run in `run_dir`.
std::string RenderRunJunitReport(const RunRecord& run, const std::filesystem::path& run_dir);

}  // namespace bootstorm
