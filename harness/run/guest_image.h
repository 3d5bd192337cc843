// The guest image folder a run boots from (built by ci/setup).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain_spec.h"
#include "run_record.h"

namespace bootstorm {

/// Whether the guest of image folder `dir` boots from its own boot loader
/// (sut.json "boot": "disk", written by `bootstorm image import`) instead
/// of by direct kernel boot of the folder's vmlinuz and initrd.img.
bool BootsFromDisk(const std::filesystem::path& dir);

/// The firmware that boots such an image (sut.json "firmware": "bios" or
/// "uefi"; images imported before UEFI support have none and boot BIOS).
/// Throws BadInput naming any other value.
Firmware DiskFirmware(const std::filesystem::path& dir);

/// The files an image folder needs: disk.qcow2 for one that boots from
/// disk, else base.qcow2, vmlinuz and initrd.img. The first is the disk.
std::vector<std::string> GuestImageFiles(const std::filesystem::path& dir);

/// The fields of an imported image's sut.json that name the image its
/// disk.qcow2 overlays, and that image's size and modification time when
/// imported (SourceStamp).
inline constexpr const char* kSutSource = "source";
inline constexpr const char* kSutSourceStamp = "source_stamp";

/// "SIZE:MTIME_NS" of the file at `path`; "" when it cannot be read. An
/// overlay over a backing file that changed would read garbage.
std::string SourceStamp(const std::filesystem::path& path);

/// Throws BadInput naming the first of GuestImageFiles missing from `dir`,
/// with a hint how to build it; for an image that boots from disk, also when
/// the image its overlay reads is gone or changed since import, or its
/// firmware is unknown (DiskFirmware).
void RequireGuestImage(const std::filesystem::path& dir);

/// The first line of <dir>/image-key (which identifies the guest: agent,
/// recipe and packages); "" when there is none.
std::string GuestImageKey(const std::filesystem::path& dir);

/// The file of an image folder that says what it holds (agent/image/build-image).
inline constexpr const char* kSutFile = "sut.json";
/// sut.json's "kind" of an image whose initialiser is cloud-init.
inline constexpr std::string_view kSutCloudInit = "cloud-init";

/// What <dir>/sut.json records (written by agent/image/build-image), or for
/// older images guest-versions.json; a field is "" when the file, or it, is
/// missing or not a short string.
GuestVersions ReadGuestVersions(const std::filesystem::path& dir);

/// The activator override a run on image `dir` uses, given the one asked
/// for (`requested`, "" for the scenario's): a cloud-init image runs
/// activator cloud-init whatever the scenario says, and only it; an image
/// without cloud-init cannot. Throws BadInput naming the conflict and who
/// asked (`asked_by`: the flag, or a scenario file's field).
std::string ActivatorForImage(const std::string& requested, const std::filesystem::path& dir,
                              std::string_view asked_by = "--activator");

/// The kernel release (`uname -r`) of the x86 bzImage `vmlinuz`, from its
/// boot header; "" when it cannot be read or is not one.
std::string KernelVersion(const std::filesystem::path& vmlinuz);

/// As RequireGuestImage, and throws BadInput naming
/// <dir>/image-key when the image's key is no longer `key`, the one run
/// `run_id` booted: a different guest would make it a different experiment.
void RequireRecordedGuestImage(const std::filesystem::path& dir, const std::string& key,
                               const std::string& run_id);

}  // namespace bootstorm
