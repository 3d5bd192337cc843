// One hypervisor host of a run: its libvirt connection, the volumes and the
// isolated network that the run's VMs on it share, and the pending VMs placed
// there. Hosts of a run are independent: each has its own RunContext, and a
// host that fails setup turns only its own VMs into infra errors.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "connect_option.h"
#include "hypervisor.h"
#include "recorded_run.h"
#include "run_record.h"
#include "vm_runner.h"

namespace bootstorm {

class RunResources;

class RunHost {
 public:
  /// `shared`: the run-wide part of the context (scenario, run id, store,
  /// progress, cancellation, retries); `pending`: the VMs placed on this host
  /// that have boots to run; `subnet_slot`: the slot its network must take (a
  /// resumed run's guests know their subnet), or nullopt for the first free.
  RunHost(HostSpec spec, std::vector<PendingVm> pending, std::optional<int> subnet_slot,
          const RunContext& shared);
  /// Removes what setup created on the host, then disconnects.
  ~RunHost();
  RunHost(const RunHost&) = delete;
  RunHost& operator=(const RunHost&) = delete;

  /// Connects, removes dead runs' leftovers, reads the virt type and the
  /// capacity. Never throws: a failure becomes the host's setup_error.
  /// Connect and Prepare do nothing for a host without pending VMs, after a
  /// failure or once the run is cancelled.
  void Connect();
  /// Uploads kernel, initrd and base image and creates the run's network.
  /// Never throws, like Connect.
  void Prepare(const std::filesystem::path& image_dir, std::uint64_t base_capacity_bytes);
  /// Runs the host's pending VMs, `record().jobs` at once, until done or
  /// cancelled, each appending its boots to the store. After a setup failure
  /// each of them gets an infra error naming the host as its next boot;
  /// except when the subnet slot was taken: then they stay pending for a
  /// later --resume. Then removes what setup created.
  void Run();

  bool ok() const { return record_.setup_error.empty(); }
  /// Valid after a successful Connect().
  const HostCapacity& capacity() const { return capacity_; }
  const HostRecord& record() const { return record_; }
  /// How many of its VMs run at once; set before Run().
  void set_jobs(int jobs) { record_.jobs = jobs; }
  /// The slot of the run network, once Prepare() created it.
  std::optional<int> subnet_slot() const;

 private:
  template <typename F>
  void Guarded(F f);
  void RecordFailures() const;

  std::vector<PendingVm> pending_;
  std::optional<int> required_slot_;
  bool keep_pending_ = false;  ///< its VMs wait for a later --resume
  RunContext ctx_;
  HostRecord record_;
  HostCapacity capacity_;
  std::unique_ptr<Hypervisor> hv_;
  std::unique_ptr<RunResources> resources_;  ///< destroyed before hv_
};

}  // namespace bootstorm
