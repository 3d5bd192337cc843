// `bootstorm doctor`: checks that this machine can run bootstorm (libvirt,
// KVM, guest image, isolated networks, memory, disk, tools) and says how to
// fix what it cannot.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "exit_code.h"
#include "hypervisor.h"
#include "libvirt_hypervisor.h"

namespace bootstorm {

/// The outcome of one check.
struct DoctorFinding {
  enum class Status { kOk, kWarn, kFail };
  std::string check;  ///< e.g. "libvirt connection"
  Status status = Status::kOk;
  std::string detail;  ///< what was found
  std::string fix;     ///< for kWarn and kFail: what to do about it, a command where possible
};

/// One line per finding ("ok", "warn" or "FAIL", the check and the detail),
/// followed by an indented "fix:" line for a warn or FAIL with a fix.
std::string RenderFindings(const std::vector<DoctorFinding>& findings);

/// kInfra when any finding failed, else kPass (warnings do not fail the doctor).
ExitCode DoctorExitCode(const std::vector<DoctorFinding>& findings);

/// The accelerator finding: ok for "kvm"; for TCG a warning that names the
/// cost and, when /dev/kvm exists, what ci/libvirt-up's KVM probe said
/// (`kvm_probe`: the contents of /run/bootstorm/kvm, empty when absent).
DoctorFinding AcceleratorFinding(std::string_view virt_type, bool dev_kvm_exists,
                                 std::string_view kvm_probe);

/// The memory finding: how many VMs of `vm_memory_mib` run at once (as
/// `bootstorm run` would pick them); a warning when not even one fits.
DoctorFinding MemoryFinding(long long available_mib, long cpus, int vm_memory_mib);

/// The disk finding for `where` with `free_bytes` free: a warning below
/// 2 GiB, a failure below 500 MiB, both with `fix`.
DoctorFinding DiskFinding(const std::string& check, const std::string& where,
                          std::uint64_t free_bytes, const std::string& fix);

/// MemAvailable from /proc/meminfo text, in MiB; 0 when missing.
long long ParseMemAvailableMib(std::istream& meminfo);

/// The checks, each returning a finding instead of throwing.
DoctorFinding CheckGuestImage(const std::filesystem::path& image_dir);
DoctorFinding CheckAccelerator(Hypervisor& hv);
/// Creates and destroys an isolated network named after `probe_id` (8 hex
/// digits) in the first free subnet, holding the run lock of `probe_id`
/// meanwhile so that `bootstorm gc` leaves it alone.
DoctorFinding CheckIsolatedNetwork(Hypervisor& hv, const std::string& probe_id);
DoctorFinding CheckMemory();
/// Free space in the folder of run directories.
DoctorFinding CheckDisk(const std::string& check, const std::filesystem::path& where);
/// Free space in the storage pool, asked of libvirt (the pool may be remote).
DoctorFinding CheckPoolSpace(Hypervisor& hv);
/// `program --version` runs and exits 0 within 10 s.
DoctorFinding CheckTool(const std::string& program);

/// Every check in order; checks that need libvirt fail with "needs the
/// libvirt connection" when connecting failed. `probe_id` names the
/// throwaway network; `connect` reaches the hypervisor at `uri`.
std::vector<DoctorFinding> RunDoctorChecks(const std::string& uri,
                                           const std::filesystem::path& image_dir,
                                           const std::string& probe_id,
                                           const HypervisorFactory& connect = ConnectLibvirt);

/// The command: prints the findings; DoctorExitCode of them.
ExitCode RunDoctorCommand(const std::string& uri, const std::filesystem::path& image_dir);

}  // namespace bootstorm
