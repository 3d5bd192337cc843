#include "disk_archive.h"

#include <fmt/format.h>

#include <stdexcept>

namespace bootstorm {
namespace {

std::filesystem::path DiskDir(const std::filesystem::path& run_dir, int vm) {
  return run_dir / fmt::format("vm-{:03}", vm) / "disk";
}

}  // namespace

std::filesystem::path SavedLayerPath(const std::filesystem::path& run_dir, int vm, int boot) {
  return DiskDir(run_dir, vm) / fmt::format("boot-{}.qcow2", boot);
}

std::uint64_t SaveLayer(Hypervisor& hv, const std::string& volume,
                        const std::filesystem::path& run_dir, int vm, int boot) {
  std::filesystem::path path = SavedLayerPath(run_dir, vm, boot);
  std::filesystem::create_directories(path.parent_path());
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  hv.DownloadVolume(volume, tmp);
  std::filesystem::rename(tmp, path);
  return std::filesystem::file_size(path);
}

std::string RestoreLayer(Hypervisor& hv, const std::string& volume,
                         const std::filesystem::path& run_dir, int vm, int boot) {
  std::filesystem::path path = SavedLayerPath(run_dir, vm, boot);
  if (!std::filesystem::exists(path))
    throw std::runtime_error(
        fmt::format("{}: missing, so boot {} cannot continue on the disk boot {} left",
                    path.string(), boot + 1, boot));
  return hv.UploadVolume(volume, path, VolumeFormat::kQcow2);
}

void DropSavedLayers(const std::filesystem::path& run_dir, int vm) {
  std::filesystem::remove_all(DiskDir(run_dir, vm));
}

}  // namespace bootstorm
