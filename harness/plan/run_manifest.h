// run.json: what a run needs to be continued by `bootstorm run --resume`.
// Plans are a pure function of the scenario and the run id, and the guests'
// config drives name their host's subnet, so a resumed run must reuse all of
// it. VMs are not listed per host: PlaceVms puts them on the same hosts again.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "connect_option.h"
#include "plan_source.h"
#include "run_record.h"

namespace bootstorm {

/// Version of the run.json layout; bump on incompatible changes.
inline constexpr int kRunManifestVersion = 2;

/// A new run id: 8 random lowercase hex digits.
std::string NewRunId();
/// Whether `id` has NewRunId's form. Run ids become lock paths, libvirt names
/// and file names: one read from disk is used only after this check.
bool IsValidRunId(std::string_view id);

/// One hypervisor host of a run: its `--connect` value and the subnet of
/// its run network, which the guests placed on it were given.
struct ManifestHost : HostSpec {
  int subnet_slot = 0;  ///< see MakeRunNetwork; 0 until the host's network exists
  bool operator==(const ManifestHost&) const = default;
};

struct RunManifest {
  std::string run_id;
  std::string scenario_file;        ///< as given on the command line, for messages
  std::string scenario_text;        ///< verbatim: the file may change after the run started
  std::string activator;            ///< --activator override; "" when none
  std::vector<ManifestHost> hosts;  ///< in `--connect` order, at least one
  std::string image_dir;            ///< guest image folder (absolute)
  std::string image_key;            ///< <image_dir>/image-key when the run started; "" when none
  /// <image_dir>/guest-versions.json when the run started; optional in the
  /// JSON (runs from before it was recorded read as unknown).
  GuestVersions guest_versions;
  int infra_retries = 2;
  std::string virt_type;   ///< "kvm" or "qemu", of the first host in the latest session
  std::string started_at;  ///< UTC, ISO 8601, of the first session
  int resumes = 0;         ///< sessions after the first
  /// The plan of every boot when they are not PlanBoot's (a replay); empty
  /// otherwise, and then left out of the JSON.
  ExplicitPlans plans;
  bool operator==(const RunManifest&) const = default;
};

nlohmann::json ToJson(const RunManifest& m);
/// Strict: throws BadInput "<file>: run.<field>: <what>" on
/// missing or unknown fields and wrong types.
RunManifest RunManifestFromJson(const nlohmann::json& j, const std::string& file);

/// Reads run.json; throws BadInput naming the file when it is
/// missing, unreadable or invalid.
RunManifest ReadRunManifest(const std::filesystem::path& path);
/// Writes run.json atomically. Throws std::runtime_error on I/O errors.
void WriteRunManifest(const RunManifest& m, const std::filesystem::path& path);

}  // namespace bootstorm
