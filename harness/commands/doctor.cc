#include "doctor.h"

#include <fmt/format.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <random>
#include <stdexcept>

#include "guest_image.h"
#include "guest_network.h"
#include "process.h"
#include "run_command.h"
#include "run_lock.h"
#include "scenario.h"

namespace bootstorm {
namespace {

using Status = DoctorFinding::Status;

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kDiskWarnBytes = 2048 * kMiB;
constexpr std::uint64_t kDiskFailBytes = 500 * kMiB;

constexpr std::string_view kLibvirtCheck = "libvirt connection";
constexpr std::string_view kAcceleratorCheck = "accelerator";
constexpr std::string_view kNetworkCheck = "isolated network";

constexpr std::string_view kLibvirtFix =
    "ci/libvirt-up (or check the --connect URI and that libvirtd runs)";
constexpr std::string_view kNetworkFix =
    "apt-get install dnsmasq-base, then check libvirtd's network driver: virsh net-list --all";

DoctorFinding Finding(std::string_view check, Status status, std::string detail,
                      std::string_view fix = {}) {
  return {std::string(check), status, std::move(detail), std::string(fix)};
}

/// Runs a check; an exception becomes a FAIL of that check with `fix`, so
/// one broken check never stops the others.
template <typename F>
DoctorFinding Guarded(std::string_view check, std::string_view fix, F check_fn) {
  try {
    return check_fn();
  } catch (const std::exception& e) {
    return Finding(check, Status::kFail, e.what(), fix);
  }
}

std::string HumanBytes(std::uint64_t bytes) {
  if (bytes >= 1024 * kMiB) return fmt::format("{:.1f} GiB", bytes / double(1024 * kMiB));
  return fmt::format("{} MiB", bytes / kMiB);
}

std::string_view StatusWord(Status status) {
  switch (status) {
    case Status::kOk:
      return "ok";
    case Status::kWarn:
      return "warn";
    case Status::kFail:
      return "FAIL";
  }
  return "?";
}

/// The first line of a file without its newline, or "" when it cannot be read.
std::string FirstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string NewProbeId() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

}  // namespace

std::string RenderFindings(const std::vector<DoctorFinding>& findings) {
  std::string out;
  for (const DoctorFinding& f : findings) {
    out += fmt::format("{:<4}  {}: {}\n", StatusWord(f.status), f.check, f.detail);
    if (f.status != Status::kOk && !f.fix.empty()) out += fmt::format("      fix: {}\n", f.fix);
  }
  return out;
}

ExitCode DoctorExitCode(const std::vector<DoctorFinding>& findings) {
  for (const DoctorFinding& f : findings) {
    if (f.status == Status::kFail) return ExitCode::kInfra;
  }
  return ExitCode::kPass;
}

DoctorFinding AcceleratorFinding(std::string_view virt_type, bool dev_kvm_exists,
                                 std::string_view kvm_probe) {
  if (virt_type == "kvm") return Finding(kAcceleratorCheck, Status::kOk, "kvm");
  std::string detail = fmt::format(
      "{}: guests run under TCG (software emulation), expect ~20-40 s per boot", virt_type);
  if (!dev_kvm_exists)
    return Finding(kAcceleratorCheck, Status::kWarn, detail + "; this host has no /dev/kvm",
                   "modprobe kvm_intel (or kvm_amd); in a VM, enable nested virtualisation");
  // ci/libvirt-up hides a /dev/kvm that cannot boot a guest and says why in its probe file.
  if (kvm_probe.starts_with("no"))
    return Finding(kAcceleratorCheck, Status::kWarn,
                   fmt::format("{}; /dev/kvm exists but ci/libvirt-up's KVM probe found it "
                               "unusable ({})",
                               detail, kvm_probe),
                   "enable (nested) KVM on the host, then ci/libvirt-up to probe again");
  return Finding(kAcceleratorCheck, Status::kWarn,
                 detail + "; /dev/kvm exists but libvirt does not offer KVM",
                 "ci/libvirt-up (it probes KVM and restarts its libvirtd accordingly)");
}

DoctorFinding MemoryFinding(long long available_mib, long cpus, int vm_memory_mib) {
  constexpr std::string_view kCheck = "memory";
  // The per-VM cost as JobsFor counts it: guest memory plus QEMU's overhead.
  int per_vm_mib = vm_memory_mib + 256;
  std::string found = fmt::format("{} MiB available, {} MiB per VM ({} guest + 256 QEMU)",
                                  available_mib, per_vm_mib, vm_memory_mib);
  if (available_mib < per_vm_mib)
    return Finding(kCheck, Status::kWarn, found + ": not even 1 VM fits",
                   "free memory (stop other VMs: virsh list), or lower the scenario's memory_mib");
  // JobsFor without a CPU limit is what memory alone allows.
  int fit = JobsFor(std::numeric_limits<long>::max(), available_mib, vm_memory_mib);
  return Finding(kCheck, Status::kOk,
                 fmt::format("{}: {} VMs fit, {} at once by default ({} CPUs)", found, fit,
                             JobsFor(cpus, available_mib, vm_memory_mib), cpus));
}

DoctorFinding DiskFinding(const std::string& check, const std::string& where,
                          std::uint64_t free_bytes, const std::string& fix) {
  std::string found = fmt::format("{} free in {}", HumanBytes(free_bytes), where);
  if (free_bytes < kDiskFailBytes)
    return Finding(check, Status::kFail, found + " (below 500 MiB)", fix);
  if (free_bytes < kDiskWarnBytes)
    return Finding(check, Status::kWarn, found + " (below 2 GiB)", fix);
  return Finding(check, Status::kOk, found);
}

long long ParseMemAvailableMib(std::istream& meminfo) {
  for (std::string key; meminfo >> key;) {
    if (key == "MemAvailable:") {
      long long kib = 0;
      meminfo >> kib;
      return kib / 1024;
    }
    meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return 0;
}

DoctorFinding CheckGuestImage(const std::filesystem::path& image_dir) {
  constexpr std::string_view kCheck = "guest image";
  constexpr std::string_view kFix = "ci/setup (or pass --image DIR)";
  return Guarded(kCheck, kFix, [&] {
    std::uint64_t size = 0;
    for (const std::string& file : GuestImageFiles(image_dir)) {
      std::filesystem::path path = image_dir / file;
      if (!std::filesystem::is_regular_file(path))
        return Finding(kCheck, Status::kFail, path.string() + " is missing", kFix);
      size += std::filesystem::file_size(path);
    }
    // An imported UEFI image boots OVMF, which libvirt reads on the
    // hypervisor host; checked here on this one.
    if (BootsFromDisk(image_dir) && DiskFirmware(image_dir) == Firmware::kUefi &&
        !std::filesystem::is_regular_file(kOvmfPath))
      return Finding(kCheck, Status::kFail,
                     fmt::format("{} boots UEFI and {} is missing", image_dir.string(), kOvmfPath),
                     "apt-get install ovmf (on every hypervisor host)");
    std::string key = GuestImageKey(image_dir);
    return Finding(kCheck, Status::kOk,
                   fmt::format("{}: key {}, {}", image_dir.string(), key.empty() ? "none" : key,
                               HumanBytes(size)));
  });
}

DoctorFinding CheckAccelerator(Hypervisor& hv) {
  return Guarded(kAcceleratorCheck, kLibvirtFix, [&] {
    std::string virt_type = hv.BestVirtType();
    return AcceleratorFinding(virt_type, std::filesystem::exists("/dev/kvm"),
                              FirstLine("/run/bootstorm/kvm"));
  });
}

DoctorFinding CheckIsolatedNetwork(Hypervisor& hv, const std::string& probe_id) {
  return Guarded(kNetworkCheck, kNetworkFix, [&] {
    RunLock lock(probe_id);  // the network looks like a run's: gc must see it as live
    try {
      RunNetwork net = CreateRunNetwork(hv, probe_id);
      hv.DestroyNetwork(net.name);
      return Finding(
          kNetworkCheck, Status::kOk,
          fmt::format("created and removed {} on {}.0/{}", net.name, net.subnet, net.prefix));
    } catch (const std::runtime_error& e) {
      return Finding(kNetworkCheck, Status::kFail, e.what(), kNetworkFix);
    }
  });
}

DoctorFinding CheckMemory() {
  return Guarded("memory", "", [] {
    std::ifstream meminfo("/proc/meminfo");
    return MemoryFinding(ParseMemAvailableMib(meminfo), sysconf(_SC_NPROCESSORS_ONLN),
                         Scenario{}.memory_mib);
  });
}

DoctorFinding CheckDisk(const std::string& check, const std::filesystem::path& where) {
  return Guarded(check, "", [&] {
    std::filesystem::path path = std::filesystem::weakly_canonical(where);
    struct statvfs st {};
    if (statvfs(path.c_str(), &st) != 0)
      throw std::runtime_error(fmt::format("{}: {}", path.string(), std::strerror(errno)));
    return DiskFinding(
        check, path.string(), std::uint64_t(st.f_bavail) * st.f_frsize,
        fmt::format("free space in {} (du -sh {}/* | sort -h)", path.string(), path.string()));
  });
}

DoctorFinding CheckPoolSpace(Hypervisor& hv) {
  constexpr std::string_view kCheck = "disk (storage pool)";
  return Guarded(kCheck, kLibvirtFix, [&] {
    return DiskFinding(std::string(kCheck),
                       fmt::format("pool {} on {}", kStoragePoolName, hv.uri()),
                       hv.PoolAvailableBytes(),
                       fmt::format("free space on that host's pool (virsh -c '{}' vol-list {}), "
                                   "then bootstorm gc",
                                   hv.uri(), kStoragePoolName));
  });
}

DoctorFinding CheckTool(const std::string& program) {
  constexpr std::string_view kFix = "apt-get install genisoimage qemu-utils";
  std::string check = "tool " + program;
  return Guarded(check, kFix, [&] {
    ProcessResult r = RunProcess({program, "--version"}, std::chrono::seconds(10));
    if (r.exit_code != 0)
      return Finding(check, Status::kFail,
                     fmt::format("{} --version: {}", program,
                                 r.timed_out ? "timed out after 10 s"
                                             : fmt::format("exit code {}", r.exit_code)),
                     kFix);
    std::string version = r.out.substr(0, r.out.find('\n'));
    return Finding(check, Status::kOk, version);
  });
}

std::vector<DoctorFinding> RunDoctorChecks(const std::string& uri,
                                           const std::filesystem::path& image_dir,
                                           const std::string& probe_id,
                                           const HypervisorFactory& connect) {
  std::vector<DoctorFinding> findings;
  std::unique_ptr<Hypervisor> hv;
  findings.push_back(Guarded(kLibvirtCheck, kLibvirtFix, [&] {
    hv = connect(uri);
    return Finding(kLibvirtCheck, Status::kOk,
                   fmt::format("{}, storage pool {} active", uri, kStoragePoolName));
  }));
  auto needs_libvirt = [&](std::string_view check, auto check_fn) {
    findings.push_back(
        hv ? check_fn()
           : Finding(check, Status::kFail, "needs the libvirt connection", kLibvirtFix));
  };
  needs_libvirt(kAcceleratorCheck, [&] { return CheckAccelerator(*hv); });
  findings.push_back(CheckGuestImage(image_dir));
  needs_libvirt(kNetworkCheck, [&] { return CheckIsolatedNetwork(*hv, probe_id); });
  findings.push_back(CheckMemory());
  needs_libvirt("disk (storage pool)", [&] { return CheckPoolSpace(*hv); });
  findings.push_back(CheckDisk("disk (run folders)", "."));
  findings.push_back(CheckTool("genisoimage"));
  findings.push_back(CheckTool("qemu-img"));
  return findings;
}

ExitCode RunDoctorCommand(const std::string& uri, const std::filesystem::path& image_dir) {
  std::vector<DoctorFinding> findings = RunDoctorChecks(uri, image_dir, NewProbeId());
  fmt::print("{}", RenderFindings(findings));
  std::fflush(stdout);
  return DoctorExitCode(findings);
}

}  // namespace bootstorm
