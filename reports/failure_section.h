// The part of the HTML report that explains one failing boot: the failed
// checks, the resolv.conf diff and the interface state where it failed, the
// end of the serial console, and the commands that rerun and shrink it.
#pragma once

#include <filesystem>
#include <string>

#include "run_record.h"

namespace bootstorm {

/// The observation a failure is shown at: the last one at the checkpoint of
/// the boot's first failed check, else the boot's last; nullptr without any.
const Observation* ObservationOfFailure(const BootRecord& boot);

/// The <div class="failure"> of boot `boot` of VM `vm` (a SUT failure or an
/// infra error), its console logs read bounded from `run_dir`, which the
/// commands name. Everything from the records and files is escaped.
std::string RenderFailureSection(const BootRecord& boot, int vm,
                                 const std::filesystem::path& run_dir);

}  // namespace bootstorm
