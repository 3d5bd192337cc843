// One hypervisor host of a run: its libvirt connection, the volumes and the
// isolated network that the run's VMs on it share, and the VMs placed there.
// Hosts of a run are independent: each has its own RunContext, and a host
// that fails setup turns only its own VMs into infra errors.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "connect_option.h"
#include "libvirt_hypervisor.h"
#include "run_record.h"
#include "vm_runner.h"

namespace bootstorm {

class RunResources;

class RunHost {
 public:
  /// `shared`: the run-wide part of the context (scenario, run id, store,
  /// progress, cancellation, retries); `vms`: the VMs placed on this host.
  RunHost(HostSpec spec, std::vector<int> vms, const RunContext& shared);
  /// Removes what setup created on the host, then disconnects.
  ~RunHost();
  RunHost(const RunHost&) = delete;
  RunHost& operator=(const RunHost&) = delete;

  /// Connects, removes dead runs' leftovers, reads the virt type and the
  /// capacity. Never throws: a failure becomes the host's setup_error.
  /// Connect and Prepare do nothing for a host without VMs, after a failure
  /// or once the run is cancelled.
  void Connect();
  /// Uploads kernel, initrd and base image and creates the run's network.
  /// Never throws, like Connect.
  void Prepare(const std::filesystem::path& image_dir, std::uint64_t base_capacity_bytes);
  /// Runs the host's VMs, `record().jobs` at once, until done or cancelled,
  /// into `records[vm]`; after a setup failure each of its VMs becomes an
  /// infra error naming the host. Then removes what setup created.
  void Run(std::vector<std::optional<VmRecord>>& records);

  bool ok() const { return record_.setup_error.empty(); }
  /// Valid after a successful Connect().
  const HostCapacity& capacity() const { return capacity_; }
  const HostRecord& record() const { return record_; }
  /// How many of its VMs run at once; set before Run().
  void set_jobs(int jobs) { record_.jobs = jobs; }

 private:
  template <typename F>
  void Guarded(F f);
  void RecordFailures(std::vector<std::optional<VmRecord>>& records) const;

  std::vector<int> vms_;
  RunContext ctx_;
  HostRecord record_;
  HostCapacity capacity_;
  std::unique_ptr<LibvirtHypervisor> hv_;
  std::unique_ptr<RunResources> resources_;  ///< destroyed before hv_
};

}  // namespace bootstorm
