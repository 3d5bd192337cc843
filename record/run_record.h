// The record of a run: per VM and boot the plan, the observations and each
// check's verdict. The harness fills it; report writers render it. This is the
// model behind results.json.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boot_plan.h"
#include "exit_code.h"
#include "expect.h"
#include "observation.h"

namespace bootstorm {

/// Version of the results.json layout (reports/README.md has the rule and
/// each version's changes). Readers accept every version up to this one.
inline constexpr int kResultsSchemaVersion = 2;

/// Verdict classes. An infra error is never a pass nor a SUT failure.
enum class Outcome { kPass, kSutFailure, kInfraError };
std::string_view OutcomeName(Outcome o);
/// Inverse of OutcomeName; nullopt for other names.
std::optional<Outcome> OutcomeFromName(std::string_view name);

struct CheckResult {
  std::string name;        ///< invariant, e.g. "resolv-conf-intact"
  bool passed = false;     ///< meaningless (false) when not `applicable`
  std::string checkpoint;  ///< where it failed (or "" when it passed)
  nlohmann::json expected = {};
  nlohmann::json actual = {};
  std::string message = {};  ///< one line a person can read; the reason when not applicable
  /// False when the invariant does not apply to this boot (e.g. to the
  /// system under test): neither a pass nor a failure, and never counted as
  /// either.
  bool applicable = true;
  /// Jepsen's "unknown": what the check reads is incomplete (the guest's
  /// observer dropped events), and what it did see passed, so it can say
  /// neither pass nor fail. `passed` is then false and means nothing; the
  /// boot cannot be judged (an infra error, UnknownChecks).
  bool unknown = false;
  bool operator==(const CheckResult&) const = default;
};

/// The verdict of invariant `name` on a boot it does not apply to, `reason`
/// saying why (e.g. "cloud-init writes resolv.conf itself").
CheckResult NotApplicable(std::string_view name, std::string reason);

/// Whether `c` is a failure: applicable, known and not passed. The one test every
/// consumer of a verdict uses, so a not-applicable check never reads as a
/// failure (nor, by `c.passed`, as a pass).
inline bool CheckFailed(const CheckResult& c) { return c.applicable && !c.passed && !c.unknown; }

/// Whether `a` and `b` are the same invariant with the same verdict (pass,
/// fail, unknown or not applicable), whatever evidence and message each
/// carries: a checker that words or records its evidence differently gives
/// the same verdict.
inline bool SameVerdict(const CheckResult& a, const CheckResult& b) {
  return a.name == b.name && a.applicable == b.applicable &&
         (!a.applicable || (a.passed == b.passed && a.unknown == b.unknown));
}

/// A fault the harness applied from the host during a boot (hot-plug, link
/// state, CPU limits, shutdown, power cut), timed on the host.
struct FaultInjection {
  std::string kind;   ///< the fault, as in the plan
  double at_seconds;  ///< since the domain was started
  std::string what;   ///< what was done, e.g. "link down", "vcpu_quota 10%"
  bool operator==(const FaultInjection&) const = default;
};

struct BootRecord {
  int boot = 0;
  BootPlan plan;
  Outcome outcome = Outcome::kInfraError;
  std::string infra_error;  ///< why, for infra errors
  /// Infra errors of earlier attempts of this boot, retried with the same plan.
  std::vector<std::string> retried_infra_errors;
  std::vector<Observation> observations;
  /// Faults applied from the host, in time order (guest-side faults appear
  /// in the observations' timelines).
  std::vector<FaultInjection> injections;
  std::vector<CheckResult> checks;
  double seconds = 0;       ///< domain start to verdict
  std::string console_log;  ///< file in the run dir, relative
  /// Console of the interrupted part (faults shutdown, power-cut), relative;
  /// "" when the boot ran in one part. `console_log` is the recovery boot's.
  std::string interrupted_console_log;
  bool operator==(const BootRecord&) const = default;
};

struct VmRecord {
  int vm = 0;
  std::string domain;
  std::vector<BootRecord> boots;
  std::string uri = {};  ///< the libvirt connection of the host it ran on
  /// Boots are missing that neither ran nor were skipped after an infra error
  /// (the run was interrupted); such a VM has not passed.
  bool incomplete = false;
  bool operator==(const VmRecord&) const = default;
};

/// One hypervisor host of a run and what it got.
struct HostRecord {
  std::string uri;
  int weight = 1;
  std::string virt_type;      ///< "" when the latest session did not reach it
  int vms = 0;                ///< VMs placed on it (in a session's plan: with boots to run)
  int jobs = 0;               ///< of them at once
  double upload_seconds = 0;  ///< kernel, initrd and base image
  std::string setup_error;    ///< why its VMs did not run, if they did not
  bool operator==(const HostRecord&) const = default;
};

struct RunSummary {
  int pass = 0;
  int sut_failure = 0;
  int infra_error = 0;
  bool operator==(const RunSummary&) const = default;
};

/// Package versions inside the guest image, recorded when the image was
/// built; "" when unknown (an image or a run from before they were recorded).
struct GuestVersions {
  std::string network_manager;
  std::string systemd;
  std::string kernel;  ///< the guest's `uname -r`, from the image's vmlinuz; "" unknown
  /// The image's system under test (sut.json "kind"): "bootstorm-agent" or
  /// "cloud-init"; "" unknown (images from before sut.json).
  std::string sut;
  std::string suite;       ///< Debian suite of the guest, e.g. "bookworm"; "" unknown
  std::string cloud_init;  ///< the cloud-init package's version; "" none or unknown
  /// Where cloud-init came from: "Debian trixie package", or a user's own
  /// tree or .deb over it (agent/image/build-image); "" none or unknown.
  std::string cloud_init_origin;
  bool operator==(const GuestVersions&) const = default;
};

struct RunRecord {
  std::string run_id;
  std::string scenario_name;
  std::string scenario_file;
  std::string activator;          ///< the activator the boots ran; "" when unknown (schema 1)
  Expect expect = Expect::kPass;  ///< the scenario's expectation
  std::string image_key;          ///< the guest image's key; "" when unknown
  GuestVersions guest_versions;   ///< of the guest image
  std::string bootstorm_version;  ///< of the bootstorm that wrote results.json; "" unknown
  std::string bootstorm_commit;   ///< its `git describe`, "unknown" when not built from git
  std::string uri;
  std::string virt_type;
  std::string started_at;  ///< UTC, ISO 8601
  double wall_seconds = 0;
  bool interrupted = false;
  std::string interrupted_by;  ///< e.g. "SIGINT", "run timeout of 600 s"
  std::string setup_error;     ///< an infra error before any VM ran
  int vms_planned = 0;
  int resumes = 0;  ///< times `bootstorm run --resume` continued this run
  std::vector<VmRecord> vms;
  std::vector<HostRecord> hosts;  ///< `uri` and `virt_type` above are the first one's
  bool operator==(const RunRecord&) const = default;
};

/// The image's SUT as people read it: "cloud-init 22.4.2-1+deb12u4 (bookworm)",
/// "bootstorm-agent (bookworm)"; "" when unknown.
std::string DescribeSut(const GuestVersions& v);
nlohmann::json ToJson(const GuestVersions& v);
/// Strict; errors name `path`.
GuestVersions GuestVersionsFromJson(const nlohmann::json& j, const std::string& path);

/// Outcome of a boot from its checks (any failed check: SUT failure;
/// checks that do not apply are ignored).
Outcome BootOutcomeFromChecks(const std::vector<CheckResult>& checks);
/// A VM fails if any boot is a SUT failure; otherwise an infra error if any
/// boot is one or it is incomplete; otherwise it passes. A VM with no boots
/// is an infra error.
Outcome VmOutcome(const VmRecord& vm);
/// Counted per VM; VMs planned but never recorded count as infra errors.
RunSummary Summarize(const RunRecord& run);

nlohmann::json ToJson(const CheckResult& c);
nlohmann::json ToJson(const FaultInjection& f);
nlohmann::json ToJson(const BootRecord& b);
nlohmann::json ToJson(const VmRecord& v);
nlohmann::json ToJson(const HostRecord& h);
nlohmann::json ToJson(const RunRecord& r);

/// Strict inverses of ToJson, for records read back from a run folder:
/// throw JsonPathError (std::invalid_argument) naming the field below `path`
/// on unknown keys, missing fields and wrong types.
CheckResult CheckResultFromJson(const nlohmann::json& j, const std::string& path);
FaultInjection FaultInjectionFromJson(const nlohmann::json& j, const std::string& path);
BootRecord BootRecordFromJson(const nlohmann::json& j, const std::string& path);
VmRecord VmRecordFromJson(const nlohmann::json& j, const std::string& path);
HostRecord HostRecordFromJson(const nlohmann::json& j, const std::string& path);
/// A whole results.json of any schema version up to kResultsSchemaVersion;
/// fields a version lacks keep their defaults ("" for unknown). Derived
/// fields (summary, outcomes) are recomputed, not read.
RunRecord RunRecordFromJson(const nlohmann::json& j, const std::string& path);

}  // namespace bootstorm
