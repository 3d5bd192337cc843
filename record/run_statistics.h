// What reports count over a run's boots: boots by outcome, and per
// invariant how many boots checked it and how many it failed. Pure.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "run_record.h"

namespace bootstorm {

/// A run as a report sees it: its record and its folder (replay commands
/// name the folder).
struct ReportedRun {
  RunRecord record;
  std::filesystem::path dir;
};

struct InvariantTally {
  std::string name;
  int checked = 0;  ///< boots with a verdict on it (infra errors have none)
  int failed = 0;   ///< of them, boots where it failed
  /// Judged boots it did not apply to: in neither `checked` nor `failed`.
  int not_applicable = 0;
  bool operator==(const InvariantTally&) const = default;
};

/// Counted per recorded boot, unlike Summarize (per VM).
struct BootTally {
  int boots = 0;  ///< recorded boots
  int passed = 0;
  int sut_failures = 0;
  int infra_errors = 0;
  /// Per invariant, in order of first appearance in the record.
  std::vector<InvariantTally> invariants = {};
  /// Boots with a verdict on the system under test: infra errors say nothing.
  int judged() const { return passed + sut_failures; }
};

BootTally TallyBoots(const RunRecord& run);
/// Adds `more` to `total`, invariants matched by name (new ones appended).
void AddTally(BootTally& total, const BootTally& more);

/// Names of the failed invariants over all boots, in order of first failure.
std::vector<std::string> FailedInvariants(const RunRecord& run);

/// Whether the run met what its scenario expects (JudgeExpectation in
/// expectation.h has the rule and the details).
bool MetExpectation(const RunRecord& run);

/// The accelerator the run's guests used: "kvm", "tcg" (libvirt's "qemu"
/// domain type), or "unknown".
std::string AcceleratorOf(const std::string& virt_type);

}  // namespace bootstorm
