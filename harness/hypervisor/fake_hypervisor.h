// For unit tests of the run core: a Hypervisor that keeps its volumes,
// networks and domains in memory and plays a scripted guest per started
// domain, so the real RunHost, RunVm and BootRunner run without libvirt
// (the model: ninja's FakeCommandRunner driving the real Builder).
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "hypervisor.h"

namespace bootstorm {

/// One domain start as the script sees it. The script runs inside
/// StartDomain on the runner's thread; what it sends through `events` queues
/// in the boot's session, as libvirt's event thread would deliver it.
struct FakeBoot {
  DomainSpec spec;  ///< the domain the run asked for
  DomainEvents* events = nullptr;
  /// Whether the guest powers off (stop "shutdown") on an ACPI request.
  bool powers_off_on_request = true;
};
using BootScript = std::function<void(FakeBoot&)>;

class FakeHypervisor : public Hypervisor {
 public:
  explicit FakeHypervisor(std::string uri = "fake:///host") : uri_(std::move(uri)) {}

  /// Queues the script of the next domain start; a start without one throws.
  void Script(BootScript script);

  /// The domains started so far, in order, with the specs they started from.
  std::vector<FakeBoot> starts() const;
  /// The backing path of each overlay created so far, in order.
  std::vector<std::string> overlay_backings() const;
  /// The networks created so far, in order (also those destroyed since).
  std::vector<RunNetwork> created_networks() const;
  /// Puts `resource` on the host as no run of bootstorm would leave it
  /// (e.g. without an ownership mark), for gc to judge.
  void Plant(const HypervisorResource& resource);
  /// Everything that exists now: running domains, volumes, networks, with
  /// their ownership marks.
  std::vector<HypervisorResource> Existing() const;

  const std::string& uri() const override { return uri_; }
  std::string BestVirtType() override { return "qemu"; }
  std::uint64_t PoolAvailableBytes() override { return std::uint64_t{1} << 40; }
  std::string UploadVolume(const std::string& name, const std::filesystem::path& file,
                           VolumeFormat format) override;
  /// Writes the volume's name into `file`, so a saved layer names its volume.
  void DownloadVolume(const std::string& name, const std::filesystem::path& file) override;
  std::string CreateOverlayVolume(const std::string& name, const std::string& backing_path,
                                  std::uint64_t capacity_bytes) override;
  void DeleteVolume(const std::string& name) override;
  /// Throws std::invalid_argument when network.run_id is not a run id, as
  /// the libvirt backend does.
  void CreateNetwork(const RunNetwork& network) override;
  void DestroyNetwork(const std::string& name) override;
  std::vector<HypervisorResource> ListResources(std::string_view prefix) override;
  void RemoveResource(const HypervisorResource& resource) override;
  /// Throws std::invalid_argument when spec.run_id is not a run id, as the
  /// libvirt backend does.
  std::unique_ptr<RunningDomain> StartDomain(const DomainSpec& spec, DomainEvents* events) override;
  HostCapacity Capacity() override { return {4, 16384}; }

  /// Called by the fake's domains: whether `name` ran (and now no longer does).
  bool StopDomain(const std::string& name);

 private:
  std::string uri_;
  mutable std::mutex mu_;
  std::deque<BootScript> scripts_;
  std::vector<FakeBoot> starts_;
  std::vector<std::string> overlay_backings_;
  std::vector<RunNetwork> created_networks_;
  std::set<std::string> volumes_;
  /// Networks and running domains, each with the run id of its ownership
  /// mark (empty: none).
  std::map<std::string, std::string> networks_;
  std::map<std::string, std::string> domains_;
};

}  // namespace bootstorm
