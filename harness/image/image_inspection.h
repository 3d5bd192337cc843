// What `bootstorm image import` decides from an offline inspection of a
// distro's cloud image (issue 18): can bootstorm test it, and what the image
// folder says it holds. Pure: the inspection itself is guestfs_image.h's.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// What libguestfs found in an image (guestfs_inspect_* of its one root).
struct InspectedImage {
  std::string os_type;  ///< "linux", "windows", ...; "" when no OS was found
  std::string distro;   ///< "debian", "fedora", ...
  int major_version = 0;
  int minor_version = 0;
  std::string product_name;  ///< "12.8", "Fedora Linux 41 (Cloud Edition)"
  std::string osinfo;        ///< libosinfo's short id, "debian12"
  /// Installed packages: name -> version as the package manager writes it
  /// ("22.4.2-1+deb12u4", with "EPOCH:" when there is one).
  std::map<std::string, std::string> packages;
  std::vector<std::string> kernels;  ///< the releases of /boot/vmlinuz-*, oldest first
  /// The disk's layout, as far as the firmware that boots it cares.
  std::string partition_table;         ///< "msdos", "gpt"; "" when it has none
  bool mbr_boot_code = false;          ///< the MBR's first 440 bytes are not all zero
  std::vector<std::string> gpt_types;  ///< each GPT partition's type GUID
};

/// The firmware that boots `image`'s disk: "bios" (SeaBIOS) when its MBR
/// holds boot code on an MBR disk or on a GPT disk with a BIOS boot
/// partition, else "uefi" (OVMF) when it has an EFI system partition, else
/// "" (nothing bootstorm can start). A hybrid image boots BIOS: under TCG
/// SeaBIOS starts in a fraction of OVMF's time.
std::string BootFirmware(const InspectedImage& image);

/// A part of the guest bootstorm needs, by its package names in the
/// distro families libguestfs inspects (dpkg, then rpm).
enum class GuestPart { kCloudInit, kNetworkManager, kSystemd };

/// The version of `part` in `image` ("" when no package of it is installed).
std::string PartVersion(const InspectedImage& image, GuestPart part);

/// Compares versions run by run: digit runs as numbers ("2.36" > "2.4",
/// "6.1.0-9" < "6.1.0-50"), other characters as text; a prefix is less.
/// <0, 0, >0.
int CompareDottedVersions(std::string_view a, std::string_view b);

/// Why bootstorm cannot test `image` ("": it can): not Linux, no systemd,
/// cloud-init or NetworkManager, or no boot loader BootFirmware can start.
/// The image's C library does not matter: bootstorm's guest binaries bring
/// their own (guest_runtime.h).
std::string RefusalReason(const InspectedImage& image);

/// One file `import` adds to the overlay.
struct AddedFile {
  std::string path;            ///< absolute path in the guest
  unsigned mode = 0;           ///< permission bits; symbolic links 0777
  std::string sha256;          ///< of the contents; of the target text for a symbolic link
  std::string symlink_target;  ///< "" for a regular file
};

/// The files under `staging` (a tree laid out like the guest's root):
/// regular files and symbolic links, sorted by path. Throws
/// std::runtime_error naming any other kind of file.
std::vector<AddedFile> ListStagedFiles(const std::filesystem::path& staging);

/// added-files.txt: one line per file, "PATH MODE SHA256" (mode in octal),
/// with " -> TARGET" for a symbolic link, after a header saying what it is.
std::string AddedFilesText(const std::vector<AddedFile>& files, std::string_view source);

/// sut.json of an imported image: build-image's fields (kind cloud-init,
/// suite, versions, kernel) plus "boot": "disk" (its own boot loader, no
/// vmlinuz in the folder), "firmware" (BootFirmware), the distro and the
/// source image.
nlohmann::json ImportedSutJson(const InspectedImage& image, const std::filesystem::path& source);

/// guest-versions.json, as build-image writes it.
nlohmann::json ImportedGuestVersionsJson(const InspectedImage& image);

}  // namespace bootstorm
