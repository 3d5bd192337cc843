#include "guestfs_image.h"

#include <fmt/format.h>
#include <guestfs.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace bootstorm {
namespace {

// libguestfs returns NULL-terminated arrays of malloc'd strings.
struct StringList {
  char** items;
  ~StringList() {
    if (!items) return;
    for (char** p = items; *p; ++p) free(*p);
    free(items);
  }
  std::vector<std::string> Strings() const {
    std::vector<std::string> out;
    for (char** p = items; p && *p; ++p) out.emplace_back(*p);
    return out;
  }
};

std::string TakeString(char* s) {
  std::unique_ptr<char, decltype(&free)> owned(s, &free);
  return s ? std::string(s) : std::string();
}

// The parent pid of /proc/PID/stat's line: the fourth field, counted after
// the command name's closing parenthesis (the name may hold spaces or ')').
pid_t ParentOf(const std::filesystem::path& stat) {
  std::ifstream in(stat);
  std::string line;
  if (!std::getline(in, line)) return -1;
  std::size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  char state = 0;
  int parent = -1;
  if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &parent) != 2) return -1;
  return parent;
}

}  // namespace

int KillApplianceProcesses() {
  const pid_t self = getpid();
  int signalled = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (ParentOf(entry.path() / "stat") == self && kill(std::stoi(name), SIGKILL) == 0)
      ++signalled;
  }
  return signalled;
}

GuestfsImage::GuestfsImage(bool force_tcg) : g_(guestfs_create()) {
  if (!g_) throw std::runtime_error("libguestfs: cannot create a handle");
  // Errors are thrown with guestfs_last_error, not printed. force_tcg is a
  // boolean setting: "1" (an empty value makes launch fail without a message).
  guestfs_set_error_handler(g_, nullptr, nullptr);
  if (force_tcg && guestfs_set_backend_setting(g_, "force_tcg", "1") == -1)
    Fail("setting force_tcg");
}

GuestfsImage::~GuestfsImage() { guestfs_close(g_); }

void GuestfsImage::Fail(const std::string& what) const {
  const char* err = guestfs_last_error(g_);
  throw std::runtime_error(fmt::format("libguestfs: {}: {}", what, err ? err : "failed"));
}

void GuestfsImage::CreateOverlay(const std::filesystem::path& overlay,
                                 const std::filesystem::path& backing) {
  if (guestfs_disk_create(g_, overlay.c_str(), "qcow2", -1, GUESTFS_DISK_CREATE_BACKINGFILE,
                          backing.c_str(), GUESTFS_DISK_CREATE_BACKINGFORMAT, "qcow2", -1) == -1)
    Fail(fmt::format("creating {} over {}", overlay.string(), backing.string()));
}

void GuestfsImage::Launch(const std::filesystem::path& disk) {
  if (guestfs_add_drive_opts(g_, disk.c_str(), GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1) == -1)
    Fail(fmt::format("adding {}", disk.string()));
  if (guestfs_launch(g_) == -1) Fail("launching the appliance");
  launched_ = true;
}

InspectedImage GuestfsImage::InspectAndMount() {
  StringList roots{guestfs_inspect_os(g_)};
  if (!roots.items) Fail("inspecting");
  std::vector<std::string> found = roots.Strings();
  InspectedImage image;
  if (found.empty()) return image;  // os_type "": RefusalReason says so
  if (found.size() > 1)
    throw std::runtime_error(fmt::format(
        "libguestfs found {} operating systems; import takes an image with one", found.size()));
  InspectBootDisk(image);
  const char* root = found[0].c_str();
  image.os_type = TakeString(guestfs_inspect_get_type(g_, root));
  image.distro = TakeString(guestfs_inspect_get_distro(g_, root));
  image.major_version = guestfs_inspect_get_major_version(g_, root);
  image.minor_version = guestfs_inspect_get_minor_version(g_, root);
  image.product_name = TakeString(guestfs_inspect_get_product_name(g_, root));
  image.osinfo = TakeString(guestfs_inspect_get_osinfo(g_, root));

  // Mount points come as (mount point, device) pairs; "/" first.
  StringList mounts{guestfs_inspect_get_mountpoints(g_, root)};
  if (!mounts.items) Fail("listing mount points");
  std::vector<std::string> flat = mounts.Strings();
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) pairs.emplace_back(flat[i], flat[i + 1]);
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
  for (const auto& [mountpoint, device] : pairs)
    if (guestfs_mount(g_, device.c_str(), mountpoint.c_str()) == -1)
      Fail(fmt::format("mounting {} on {}", device, mountpoint));

  if (image.os_type == "linux") {
    guestfs_application2_list* apps = guestfs_inspect_list_applications2(g_, root);
    if (!apps) Fail("listing installed packages");
    for (uint32_t i = 0; i < apps->len; ++i) {
      const guestfs_application2& a = apps->val[i];
      std::string version = a.app2_version;
      if (a.app2_epoch > 0) version = fmt::format("{}:{}", a.app2_epoch, version);
      if (a.app2_release && *a.app2_release) version += std::string("-") + a.app2_release;
      image.packages[a.app2_name] = version;
    }
    guestfs_free_application2_list(apps);
    if (guestfs_is_dir(g_, "/boot") > 0) {
      StringList boot{guestfs_ls(g_, "/boot")};
      for (const std::string& name : boot.Strings())
        if (name.starts_with("vmlinuz-")) image.kernels.push_back(name.substr(8));
      std::sort(image.kernels.begin(), image.kernels.end(),
                [](const std::string& a, const std::string& b) {
                  return CompareDottedVersions(a, b) < 0;
                });
    }
  }
  return image;
}

void GuestfsImage::InspectBootDisk(InspectedImage& image) {
  StringList devices{guestfs_list_devices(g_)};
  if (!devices.items || !devices.items[0]) Fail("listing disks");
  const char* disk = devices.items[0];
  size_t size = 0;
  std::unique_ptr<char, decltype(&free)> mbr(guestfs_pread_device(g_, disk, 440, 0, &size), &free);
  if (!mbr) Fail("reading the MBR");
  image.mbr_boot_code = std::any_of(mbr.get(), mbr.get() + size, [](char c) { return c != 0; });
  // A disk without a partition table (one file system) is an error here,
  // not a failure of the import: RefusalReason says what it lacks.
  image.partition_table = TakeString(guestfs_part_get_parttype(g_, disk));
  if (image.partition_table != "gpt") return;
  guestfs_partition_list* parts = guestfs_part_list(g_, disk);
  if (!parts) Fail("listing partitions");
  std::unique_ptr<guestfs_partition_list, decltype(&guestfs_free_partition_list)> owned(
      parts, &guestfs_free_partition_list);
  for (uint32_t i = 0; i < parts->len; ++i) {
    std::string type = TakeString(guestfs_part_get_gpt_type(g_, disk, parts->val[i].part_num));
    if (type.empty()) Fail(fmt::format("reading partition {}'s type", parts->val[i].part_num));
    image.gpt_types.push_back(type);
  }
}

void GuestfsImage::AddFiles(const std::filesystem::path& staging,
                            const std::vector<AddedFile>& files) {
  for (const AddedFile& f : files) {
    int exists = guestfs_exists(g_, f.path.c_str());
    if (exists == -1) Fail(fmt::format("checking {}", f.path));
    if (exists || guestfs_is_symlink(g_, f.path.c_str()) > 0)
      throw std::runtime_error(fmt::format(
          "the image already has {}: import adds bootstorm's files, it never replaces one (was "
          "this image imported before?)",
          f.path));
  }
  for (const AddedFile& f : files) {
    std::string parent = std::filesystem::path(f.path).parent_path().string();
    if (guestfs_mkdir_p(g_, parent.c_str()) == -1) Fail(fmt::format("creating {}", parent));
    if (!f.symlink_target.empty()) {
      if (guestfs_ln_s(g_, f.symlink_target.c_str(), f.path.c_str()) == -1)
        Fail(fmt::format("linking {}", f.path));
      continue;
    }
    std::string local = (staging / f.path.substr(1)).string();
    if (guestfs_upload(g_, local.c_str(), f.path.c_str()) == -1 ||
        guestfs_chown(g_, 0, 0, f.path.c_str()) == -1 ||
        guestfs_chmod(g_, static_cast<int>(f.mode), f.path.c_str()) == -1)
      Fail(fmt::format("adding {}", f.path));
  }
}

void GuestfsImage::Close() {
  if (!launched_) return;
  if (guestfs_umount_all(g_) == -1) Fail("unmounting");
  if (guestfs_shutdown(g_) == -1) Fail("shutting the appliance down");
  launched_ = false;
}

}  // namespace bootstorm
