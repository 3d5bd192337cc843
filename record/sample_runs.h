// Records for the report writers' unit tests: a run with every kind of
// verdict and hostile guest text, and the recorded run in testdata/.
#pragma once

#include <filesystem>
#include <string>

#include "run_record.h"

namespace bootstorm {

/// What a hostile guest put into a check message and an infra error.
inline const std::string kHostileText =
    "<script>alert(\"x\")</script> & ]]> | `tick` *bold* \x01\x1b[31m \xff\xfe end";

/// Scenario "sample", 3 VMs planned: vm 0 passes boot 1 and fails
/// resolv-conf-intact (hostile message) at boot 2; vm 1's boot 1 is an infra
/// error (hostile message) after one retried attempt; vm 2 never ran.
RunRecord SampleRun();

/// Why atomic-write does not apply in SampleRunWithNotApplicable, with markup
/// every report must show as text.
inline const std::string kNotApplicableReason = "<SUT> & not the agent renders resolv.conf";

/// SampleRun where vm 0's boots also carry atomic-write, not applicable
/// (kNotApplicableReason): boot 1 still passes, boot 2 still fails only
/// resolv-conf-intact.
RunRecord SampleRunWithNotApplicable();

/// The run folder copied from a real run (reports/testdata/recorded-run):
/// detect-legacy-interfaces, 1 VM x 2 boots, with SUT failures.
std::filesystem::path RecordedRunDir();

}  // namespace bootstorm
