// A run's verdict against what its scenario expects (scenario field
// `expect`): `pass` scenarios must pass; `detect` scenarios run a known-bad
// activator and must be caught by at least one invariant. Pure.
#pragma once

#include <string>

#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// The exit code of a run (docs/EXIT_CODES.md): ExitCodeOf(ExpectationStatusOf(
/// ...)) from reports/expectation.h, which also judges recorded runs
/// (ExitCodeOf(const RunRecord&)).
ExitCode ExitCodeForExpectation(Expect expect, const RunSummary& summary, bool interrupted);

/// What the summary line adds, plainly: "" for kPass; for kDetect whether
/// the known-bad activator was caught and by which invariants, e.g.
/// "expected a detection: caught by resolv-conf-intact, nm-dns-none"
/// (JudgeExpectation's verdict, in the words the CLI has always printed).
std::string ExpectationNote(Expect expect, const RunRecord& run);

}  // namespace bootstorm
