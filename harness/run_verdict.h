// A run's verdict against what its scenario expects (scenario field
// `expect`): `pass` scenarios must pass; `detect` scenarios run a known-bad
// activator and must be caught by at least one invariant. Pure.
#pragma once

#include <string>

#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// The exit code of a run (docs/EXIT_CODES.md). A verdict that a SUT failure
/// decides stands: kSutFailure for kPass, kPass for kDetect (caught).
/// Otherwise infra errors or an interruption (SIGINT, SIGTERM, --timeout)
/// give kInfra; else kPass for kPass, kSutFailure for kDetect (not caught).
ExitCode ExitCodeForExpectation(Expect expect, const RunSummary& summary, bool interrupted);

/// ExitCodeForExpectation of a recorded run (its `expect`, its summary and
/// whether it was interrupted).
ExitCode ExitCodeOf(const RunRecord& run);

/// What the summary line adds, plainly: "" for kPass; for kDetect whether
/// the known-bad activator was caught and by which invariants, e.g.
/// "expected a detection: caught by resolv-conf-intact, nm-dns-none".
std::string ExpectationNote(Expect expect, const RunRecord& run);

}  // namespace bootstorm
