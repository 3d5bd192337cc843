// The seam between the harness and the hypervisor. Everything the harness
// does to VMs goes through this interface, in values (DomainSpec, RunNetwork)
// that a backend renders in its own terms; the libvirt implementation, the
// only one that speaks libvirt XML, lives in libvirt_hypervisor.h. Paths
// returned are paths on the hypervisor host, so nothing assumes a file system
// shared with the harness.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain_spec.h"
#include "run_network.h"

namespace bootstorm {

/// Callbacks from one running domain. They arrive on the hypervisor's event
/// thread; implementations must be quick and thread-safe.
class DomainEvents {
 public:
  virtual ~DomainEvents() = default;
  /// Bytes from the probe's virtio-serial channel.
  virtual void OnChannelData(std::string_view bytes) = 0;
  /// The channel ended (the domain stopped, or a stream error).
  virtual void OnChannelClosed(const std::string& reason) = 0;
  /// Bytes from the observer's virtio-serial channel (history.h). A guest
  /// without the observer sends none; its end is the domain's stop.
  virtual void OnHistoryData(std::string_view bytes) = 0;
  /// Bytes from the serial console.
  virtual void OnConsoleData(std::string_view bytes) = 0;
  /// The domain stopped; `reason` is e.g. "shutdown", "destroyed", "crashed".
  virtual void OnStopped(const std::string& reason) = 0;
  /// The connection to the hypervisor was lost (e.g. its daemon restarted):
  /// no more events come for this domain, and whether it still runs is
  /// unknown. The RunningDomain still removes it when destroyed.
  virtual void OnConnectionLost(const std::string& reason) = 0;
};

/// A started domain. Destroying the object destroys the domain if it still
/// runs (through a new connection when the old one was lost; when the
/// hypervisor stays unreachable, it warns and leaves the domain to the next
/// start of the same name or to `bootstorm gc`) and guarantees no further
/// callbacks.
class RunningDomain {
 public:
  virtual ~RunningDomain() = default;
  virtual const std::string& name() const = 0;
  /// Asks the guest to power off (ACPI power button). Throws on API errors.
  virtual void RequestShutdown() = 0;
  /// Stops the domain at once; no error when it already stopped.
  virtual void Destroy() = 0;

  // Host-side faults (host_faults.h), applied to the live domain only.
  // Each throws on API errors.

  /// Hot-plugs the config drive at `path` (a raw ISO on the hypervisor) as
  /// the domain's spec would have had it (DomainSpec::config_drive).
  virtual void AttachConfigDrive(const std::string& path) = 0;
  /// Sets the link of the domain's NIC with `mac` up or down, in place.
  virtual void SetLinkState(const std::string& mac, bool up) = 0;
  /// Limits each vCPU to `percent` of one host CPU; nullopt lifts the limit.
  virtual void SetVcpuQuota(std::optional<int> percent) = 0;
};

/// A domain, volume or network on the hypervisor, found by name.
struct HypervisorResource {
  enum class Kind { kDomain, kVolume, kNetwork };
  Kind kind;
  std::string name;
  /// The run id in its ownership mark (libvirt: ownership_mark.h); empty
  /// when it has none, and always for volumes, which libvirt gives no metadata.
  std::string mark = {};  // defaulted, so a resource is written {kind, name}
  bool operator==(const HypervisorResource&) const = default;
};

std::string_view ResourceKindName(HypervisorResource::Kind kind);

/// What a hypervisor host can run at once.
struct HostCapacity {
  long cpus = 0;
  long long available_mib = 0;  ///< free memory plus buffers and page cache
};

/// How a volume's bytes are to be read: as they are, or as a qcow2 image
/// (whose header may name a backing file).
enum class VolumeFormat { kRaw, kQcow2 };
/// "libvirt connection to URI lost: REASON", the one wording for a lost
/// connection in errors and results.
std::string ConnectionLostMessage(std::string_view uri, std::string_view reason);

class Hypervisor {
 public:
  virtual ~Hypervisor() = default;
  virtual const std::string& uri() const = 0;
  /// "kvm" when the hypervisor offers KVM for x86_64, otherwise "qemu" (TCG).
  virtual std::string BestVirtType() = 0;
  /// Bytes free for volumes in bootstorm's storage pool, as the host sees it.
  virtual std::uint64_t PoolAvailableBytes() = 0;

  /// Uploads a local file into a new volume `name` of `format`; returns its path.
  virtual std::string UploadVolume(const std::string& name, const std::filesystem::path& file,
                                   VolumeFormat format) = 0;
  /// Writes the bytes of volume `name` (for qcow2: the image file, not the
  /// guest's view) to the local file `file`. Throws on errors.
  virtual void DownloadVolume(const std::string& name, const std::filesystem::path& file) = 0;
  /// Creates a qcow2 volume backed by the qcow2 image at `backing_path`.
  virtual std::string CreateOverlayVolume(const std::string& name, const std::string& backing_path,
                                          std::uint64_t capacity_bytes) = 0;
  /// Deletes a volume; no error when it does not exist.
  virtual void DeleteVolume(const std::string& name) = 0;

  /// Creates `network` as a transient isolated network with the ownership
  /// mark of network.run_id. Throws when it cannot, with the hypervisor's
  /// reason (a subnet another network holds: "... in use ...").
  virtual void CreateNetwork(const RunNetwork& network) = 0;
  /// Destroys a network; no error when it does not exist.
  virtual void DestroyNetwork(const std::string& name) = 0;

  /// Running domains, networks and volumes of bootstorm's pool whose names
  /// start with `prefix`, with the ownership marks of domains and networks.
  virtual std::vector<HypervisorResource> ListResources(std::string_view prefix) = 0;
  /// Destroys a domain or network, deletes a volume; no error when gone.
  virtual void RemoveResource(const HypervisorResource& resource) = 0;

  /// Starts the transient domain `spec` (named spec.name, with the ownership
  /// mark of spec.run_id) and attaches `events` (which must outlive the
  /// returned object) to its lifecycle, probe and history channels and console.
  virtual std::unique_ptr<RunningDomain> StartDomain(const DomainSpec& spec,
                                                     DomainEvents* events) = 0;

  /// The host's CPUs and available memory, as the hypervisor sees them.
  virtual HostCapacity Capacity() = 0;
};

/// Connects to the hypervisor at `uri`; throws when it cannot. The run and
/// the commands get their hypervisors from one, so tests can inject a fake
/// (fake_hypervisor.h); the command line passes ConnectLibvirt.
using HypervisorFactory = std::function<std::unique_ptr<Hypervisor>(const std::string& uri)>;

}  // namespace bootstorm
