// An image opened in libguestfs's appliance: offline inspection and the
// files `bootstorm image import` adds, without mounting anything on the host.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "image_inspection.h"

struct guestfs_h;

namespace bootstorm {

/// One libguestfs handle on one disk. Every call throws std::runtime_error
/// with libguestfs's own message on failure.
class GuestfsImage {
 public:
  /// `force_tcg`: no KVM (libguestfs's direct backend would try a /dev/kvm
  /// that hangs guests, see ci/libvirt-up's probe).
  explicit GuestfsImage(bool force_tcg);
  ~GuestfsImage();
  GuestfsImage(const GuestfsImage&) = delete;
  GuestfsImage& operator=(const GuestfsImage&) = delete;

  /// Creates `overlay`, a qcow2 whose backing file is `backing` (absolute,
  /// qcow2): `backing` is never written.
  void CreateOverlay(const std::filesystem::path& overlay, const std::filesystem::path& backing);

  /// Adds `disk` (qcow2) writable and boots the appliance.
  void Launch(const std::filesystem::path& disk);

  /// Inspects the disk's operating system and mounts its file systems
  /// (writable). Throws when there is not exactly one.
  InspectedImage InspectAndMount();

  /// Adds `files` (from ListStagedFiles of `staging`) at their paths,
  /// with their modes, owned by root. Throws naming the first path the
  /// image already has: import adds, it never replaces.
  void AddFiles(const std::filesystem::path& staging, const std::vector<AddedFile>& files);

  /// Unmounts, syncs and stops the appliance; throws when that fails.
  void Close();

 private:
  /// Fills `image`'s partition table, MBR boot code and GPT types from the
  /// first disk (BootFirmware decides from them).
  void InspectBootDisk(InspectedImage& image);
  [[noreturn]] void Fail(const std::string& what) const;
  guestfs_h* g_;
  bool launched_ = false;
};

/// Kills (SIGKILL) every child process of this process, which during an
/// import are libguestfs's appliance and its recovery process: a libguestfs
/// call waiting on the appliance then fails at once. libguestfs has no
/// deadline of its own for launch or calls, and its handle is locked during a
/// call, so a watchdog on another thread stops it this way. Safe from any
/// thread; returns how many processes it signalled.
int KillApplianceProcesses();

}  // namespace bootstorm
