#include "image_inspection.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "bounded_file.h"
#include "sha256.h"

namespace bootstorm {
namespace {

struct PartNames {
  GuestPart part;
  std::string_view what;                     ///< for messages
  std::array<std::string_view, 2> packages;  ///< dpkg name, rpm name
};

// One table for every distro family: Debian/Ubuntu first, then Fedora/RHEL/SUSE.
constexpr std::array<PartNames, 3> kParts = {{
    {GuestPart::kCloudInit, "cloud-init", {"cloud-init", "cloud-init"}},
    {GuestPart::kNetworkManager, "NetworkManager", {"network-manager", "NetworkManager"}},
    {GuestPart::kSystemd, "systemd", {"systemd", "systemd"}},
}};

const PartNames& NamesOf(GuestPart part) {
  return *std::find_if(kParts.begin(), kParts.end(),
                       [part](const PartNames& p) { return p.part == part; });
}

// Package versions and paths are printed into JSON and a listing: keep them
// short and printable.
std::string Printable(std::string_view s) {
  constexpr std::size_t kMaxLength = 200;
  std::string out;
  for (char c : s.substr(0, kMaxLength)) out += (c >= ' ' && c < 0x7f) ? c : '?';
  return out;
}

bool SameGuid(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool HasGptType(const InspectedImage& image, std::string_view guid) {
  return std::any_of(image.gpt_types.begin(), image.gpt_types.end(),
                     [guid](const std::string& t) { return SameGuid(t, guid); });
}

// The UEFI specification's and GRUB's partition type GUIDs.
constexpr std::string_view kEfiSystemPartition = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
constexpr std::string_view kBiosBootPartition = "21686148-6449-6E6F-744E-656564454649";

}  // namespace

std::string BootFirmware(const InspectedImage& image) {
  bool bios = image.mbr_boot_code &&
              (image.partition_table == "msdos" ||
               (image.partition_table == "gpt" && HasGptType(image, kBiosBootPartition)));
  if (bios) return "bios";
  if (image.partition_table == "gpt" && HasGptType(image, kEfiSystemPartition)) return "uefi";
  return "";
}

std::string PartVersion(const InspectedImage& image, GuestPart part) {
  for (std::string_view name : NamesOf(part).packages) {
    auto it = image.packages.find(std::string(name));
    if (it != image.packages.end()) return Printable(it->second);
  }
  return "";
}

int CompareDottedVersions(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (digit(a[i]) && digit(b[j])) {
      unsigned long na = 0, nb = 0;
      auto ra = std::from_chars(a.data() + i, a.data() + a.size(), na);
      auto rb = std::from_chars(b.data() + j, b.data() + b.size(), nb);
      if (na != nb) return na < nb ? -1 : 1;
      i = ra.ptr - a.data();
      j = rb.ptr - b.data();
    } else {
      if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
      ++i, ++j;
    }
  }
  if (i < a.size()) return 1;
  return j < b.size() ? -1 : 0;
}

std::string RefusalReason(const InspectedImage& image) {
  if (image.os_type.empty()) return "libguestfs found no operating system in it";
  if (image.os_type != "linux")
    return fmt::format("it holds {}, not Linux", Printable(image.os_type));
  for (GuestPart part : {GuestPart::kSystemd, GuestPart::kCloudInit, GuestPart::kNetworkManager}) {
    const PartNames& names = NamesOf(part);
    if (!PartVersion(image, part).empty()) continue;
    std::string packages = names.packages[0] == names.packages[1]
                               ? std::string(names.packages[0])
                               : fmt::format("{} or {}", names.packages[0], names.packages[1]);
    return fmt::format(
        "no {} installed (no package {}); bootstorm tests cloud-init with "
        "NetworkManager under systemd",
        names.what, packages);
  }
  if (BootFirmware(image).empty())
    return fmt::format(
        "it has no boot loader bootstorm can start: no boot code in the MBR of an MBR disk or of "
        "a GPT disk with a BIOS boot partition, and no EFI system partition (partition table: "
        "{})",
        image.partition_table.empty() ? "none" : Printable(image.partition_table));
  return "";
}

std::vector<AddedFile> ListStagedFiles(const std::filesystem::path& staging) {
  namespace fs = std::filesystem;
  constexpr std::size_t kMaxFileBytes = 256 << 20;  // the agent binary is a few MiB
  std::vector<AddedFile> files;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(staging)) {
    if (e.symlink_status().type() == fs::file_type::directory) continue;
    AddedFile f;
    f.path = "/" + e.path().lexically_relative(staging).generic_string();
    if (e.is_symlink()) {
      f.symlink_target = fs::read_symlink(e.path()).string();
      f.mode = 0777;
      f.sha256 = Sha256Hex(f.symlink_target);
    } else if (e.symlink_status().type() == fs::file_type::regular) {
      f.mode = static_cast<unsigned>(fs::status(e.path()).permissions()) & 07777;
      f.sha256 = Sha256Hex(ReadFileBounded(e.path(), kMaxFileBytes));
    } else {
      throw std::runtime_error(
          fmt::format("{}: neither a file nor a symbolic link", e.path().string()));
    }
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(),
            [](const AddedFile& a, const AddedFile& b) { return a.path < b.path; });
  return files;
}

std::string AddedFilesText(const std::vector<AddedFile>& files, std::string_view source) {
  std::string text = fmt::format(
      "# Every file bootstorm image import added to the overlay of {}; nothing else differs.\n"
      "# path mode sha256 [-> symbolic link target]\n",
      Printable(source));
  for (const AddedFile& f : files) {
    text += fmt::format("{} {:04o} {}", f.path, f.mode, f.sha256);
    if (!f.symlink_target.empty()) text += " -> " + f.symlink_target;
    text += '\n';
  }
  return text;
}

nlohmann::json ImportedGuestVersionsJson(const InspectedImage& image) {
  return {{"network_manager", PartVersion(image, GuestPart::kNetworkManager)},
          {"systemd", PartVersion(image, GuestPart::kSystemd)}};
}

nlohmann::json ImportedSutJson(const InspectedImage& image, const std::filesystem::path& source) {
  nlohmann::json j = ImportedGuestVersionsJson(image);
  std::string release = image.product_name.empty()
                            ? fmt::format("{}.{}", image.major_version, image.minor_version)
                            : Printable(image.product_name);
  j["kind"] = "cloud-init";
  j["suite"] = Printable(image.osinfo.empty() ? image.distro : image.osinfo);
  j["cloud_init"] = PartVersion(image, GuestPart::kCloudInit);
  j["cloud_init_origin"] = fmt::format("{} {} image {}", Printable(image.distro), release,
                                       Printable(source.filename().string()));
  j["kernel"] = image.kernels.empty() ? "" : Printable(image.kernels.back());
  j["boot"] = "disk";
  j["firmware"] = BootFirmware(image);
  j["distro"] = Printable(image.distro);
  j["release"] = release;
  j["source"] = source.string();  // the overlay's backing file: exact
  return j;
}

}  // namespace bootstorm
