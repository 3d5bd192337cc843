// `bootstorm recheck RUN_DIR`: every check run again offline on the stored
// observations of a run (Jepsen's split: run, then check the history), with
// the run's own scenario, network and plans from run.json and boots.jsonl.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "exit_code.h"
#include "run_manifest.h"
#include "run_record.h"
#include "scenario.h"

namespace bootstorm {

/// One recorded boot judged again.
struct RecheckedBoot {
  int vm = 0;
  BootRecord recorded;   ///< as the run stored it
  BootRecord rechecked;  ///< the same boot with today's checks' verdicts
  /// The checks' verdicts differ from the recorded ones: another invariant,
  /// or another verdict of one (SameVerdict: new evidence or wording alone
  /// is no difference). Infra errors carry no checks and are not judged again.
  bool differs() const {
    return !std::equal(recorded.checks.begin(), recorded.checks.end(), rechecked.checks.begin(),
                       rechecked.checks.end(), SameVerdict);
  }
};

struct RecheckedRun {
  RunManifest manifest;
  Scenario scenario;                 ///< the run's own, from run.json
  std::vector<RecheckedBoot> boots;  ///< in the order boots.jsonl holds them
};

/// Judges every boot recorded in `run_dir` again. Throws BadInput naming the
/// file when run.json or boots.jsonl is missing or invalid.
RecheckedRun RecheckRun(const std::filesystem::path& run_dir);

/// Prints a line per boot (its verdict now and, when it differs, the
/// recorded one and each check that changed) and a summary to `out`.
/// Returns the exit code of the run judged again against its expectation
/// (docs/EXIT_CODES.md), so a changed checker can turn a run red or green.
ExitCode RecheckCommand(const std::filesystem::path& run_dir, std::FILE* out = stdout);

}  // namespace bootstorm
