// Hypervisor over the libvirt C API. Works the same over a local URI
// (qemu:///system) and a remote one (qemu+ssh://host/system): volumes are
// uploaded through the storage API and the channel and console are read
// through libvirt streams, driven by libvirt's event loop. Every operation
// goes through one LibvirtConnection, so a restarted daemon is reconnected.
#pragma once

#include <libvirt/libvirt.h>

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "hypervisor.h"
#include "libvirt_connection.h"

namespace bootstorm {

/// The HypervisorFactory of the command line: a LibvirtHypervisor at `uri`.
std::unique_ptr<Hypervisor> ConnectLibvirt(const std::string& uri);

class LibvirtHypervisor : public Hypervisor {
 public:
  /// Connects (read-write), starts libvirt's event loop if needed, registers
  /// lifecycle events and makes sure the storage pool exists and is active.
  /// Throws std::runtime_error with libvirt's message on failure.
  explicit LibvirtHypervisor(std::string uri);

  const std::string& uri() const override { return connection_.uri(); }
  std::string BestVirtType() override;
  std::uint64_t PoolAvailableBytes() override;
  std::string UploadVolume(const std::string& name, const std::filesystem::path& file,
                           VolumeFormat format) override;
  void DownloadVolume(const std::string& name, const std::filesystem::path& file) override;
  std::string CreateOverlayVolume(const std::string& name, const std::string& backing_path,
                                  std::uint64_t capacity_bytes) override;
  void DeleteVolume(const std::string& name) override;
  void CreateNetwork(const RunNetwork& network) override;
  void DestroyNetwork(const std::string& name) override;
  std::vector<HypervisorResource> ListResources(std::string_view prefix) override;
  void RemoveResource(const HypervisorResource& resource) override;
  /// Destroys a running domain of the same name first: names carry the run
  /// id, so it is an earlier attempt's that a restarted daemon reattached.
  std::unique_ptr<RunningDomain> StartDomain(const DomainSpec& spec, DomainEvents* events) override;

  LibvirtConnection& connection() { return connection_; }

  /// Lifecycle watch registry, used by the domains this object starts.
  void Watch(const std::string& name, DomainEvents* events);
  void Unwatch(const std::string& name);

  /// The domain with this UUID is being destroyed by the harness: its stop
  /// event goes to no watcher (a retry may already watch the same name).
  void Retire(const std::string& uuid);

  /// Destroys the running domain `name` through the current connection
  /// (reconnecting if needed); no error when there is none.
  void DestroyDomainNamed(const std::string& name);
  HostCapacity Capacity() override;

 private:
  static void OnLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail, void* opaque);
  void NotifyLost(const std::string& reason);

  std::mutex watch_mu_;
  std::map<std::string, DomainEvents*> watched_;
  std::set<std::string> retired_;  ///< UUIDs whose stop event is still to come
  LibvirtConnection connection_;   ///< last: its callbacks use the members above
};

}  // namespace bootstorm
