// Copies of a VM's boot layers in the run folder (vm-NNN/disk/boot-K.qcow2),
// so that `bootstorm run --resume` continues a VM on exactly the disk its
// recorded boots left. They go through the hypervisor's storage API, so
// nothing assumes a file system shared with the hypervisor host.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "hypervisor.h"

namespace bootstorm {

/// vm-NNN/disk/boot-K.qcow2 under `run_dir`.
std::filesystem::path SavedLayerPath(const std::filesystem::path& run_dir, int vm, int boot);

/// Downloads layer volume `volume` of boot `boot` of VM `vm` to its
/// SavedLayerPath, through a temporary file so that a kill mid-download
/// leaves no file that looks whole. Returns its size in bytes. Throws on errors.
std::uint64_t SaveLayer(Hypervisor& hv, const std::string& volume,
                        const std::filesystem::path& run_dir, int vm, int boot);

/// Uploads the saved layer of boot `boot` as qcow2 volume `volume`; returns
/// its path. The run id, and so the path of the layer below it that the
/// qcow2 header names, is the same as when it was saved. Throws std::runtime_error
/// naming the file when it is missing.
std::string RestoreLayer(Hypervisor& hv, const std::string& volume,
                         const std::filesystem::path& run_dir, int vm, int boot);

/// Removes the VM's saved layers once it needs no more boots.
void DropSavedLayers(const std::filesystem::path& run_dir, int vm);

}  // namespace bootstorm
