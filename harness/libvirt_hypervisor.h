// Hypervisor over the libvirt C API. Works the same over a local URI
// (qemu:///system) and a remote one (qemu+ssh://host/system): volumes are
// uploaded through the storage API and the channel and console are read
// through libvirt streams, driven by libvirt's event loop.
#pragma once

#include <libvirt/libvirt.h>

#include <map>
#include <mutex>
#include <string>

#include "hypervisor.h"

namespace bootstorm {

/// Name of the directory storage pool bootstorm creates when missing.
inline constexpr std::string_view kStoragePoolName = "bootstorm";
inline constexpr std::string_view kStoragePoolPath = "/var/lib/libvirt/bootstorm";

class LibvirtHypervisor : public Hypervisor {
 public:
  /// Connects (read-write), starts libvirt's event loop if needed, registers
  /// lifecycle events and makes sure the storage pool exists and is active.
  /// Throws std::runtime_error with libvirt's message on failure.
  explicit LibvirtHypervisor(std::string uri);
  ~LibvirtHypervisor() override;

  const std::string& uri() const override { return uri_; }
  std::string BestVirtType() override;
  std::uint64_t PoolAvailableBytes() override;
  std::string UploadVolume(const std::string& name, const std::filesystem::path& file,
                           VolumeFormat format) override;
  void DownloadVolume(const std::string& name, const std::filesystem::path& file) override;
  std::string CreateOverlayVolume(const std::string& name, const std::string& backing_path,
                                  std::uint64_t capacity_bytes) override;
  void DeleteVolume(const std::string& name) override;
  void CreateNetwork(const std::string& xml) override;
  void DestroyNetwork(const std::string& name) override;
  std::vector<HypervisorResource> ListResources(std::string_view prefix) override;
  void RemoveResource(const HypervisorResource& resource) override;
  std::unique_ptr<RunningDomain> StartDomain(const std::string& name, const std::string& xml,
                                             DomainEvents* events) override;

  /// Lifecycle watch registry, used by the domains this object starts.
  void Watch(const std::string& name, DomainEvents* events);
  void Unwatch(const std::string& name);

  HostCapacity Capacity() override;

 private:
  static void OnLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail, void* opaque);
  virStoragePoolPtr EnsurePool();

  std::string uri_;
  virConnectPtr conn_ = nullptr;
  virStoragePoolPtr pool_ = nullptr;
  int lifecycle_callback_ = -1;
  std::mutex watch_mu_;
  std::map<std::string, DomainEvents*> watched_;
};

/// libvirt's last error message, or "unknown libvirt error".
std::string LastLibvirtError();

}  // namespace bootstorm
