#include "run_host.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "garbage_collector.h"
#include "guest_image.h"
#include "guest_network.h"

namespace bootstorm {

/// Run-scoped resources on one hypervisor, removed in reverse order.
class RunResources {
 public:
  explicit RunResources(Hypervisor* hv) : hv_(hv) {}
  ~RunResources() {
    for (auto it = volumes_.rbegin(); it != volumes_.rend(); ++it)
      Try([&] { hv_->DeleteVolume(*it); });
    if (!network_.empty()) Try([&] { hv_->DestroyNetwork(network_); });
  }
  std::string Upload(const std::string& name, const std::filesystem::path& file) {
    volumes_.push_back(name);
    return hv_->UploadVolume(name, file, VolumeFormat::kRaw);
  }
  /// In the first free subnet slot, or only in `slot` when given.
  RunNetwork CreateNetwork(const std::string& run_id, std::optional<int> slot,
                           const RunNetworkOptions& options) {
    RunNetwork net = slot ? CreateRunNetworkInSlot(*hv_, run_id, *slot, options)
                          : CreateRunNetwork(*hv_, run_id, options);
    network_ = net.name;
    return net;
  }

 private:
  template <typename F>
  void Try(F f) {
    try {
      f();
    } catch (const std::exception& e) {
      fmt::print(stderr, "warning: cleanup on {}: {}\n", hv_->uri(), e.what());
    }
  }
  Hypervisor* hv_;
  std::vector<std::string> volumes_;
  std::string network_;
};

RunHost::RunHost(HostSpec spec, std::vector<PendingVm> pending, std::optional<int> subnet_slot,
                 const RunContext& shared)
    : pending_(std::move(pending)), required_slot_(subnet_slot), ctx_(shared) {
  record_.uri = std::move(spec.uri);
  record_.weight = spec.weight;
  record_.vms = static_cast<int>(pending_.size());
}

RunHost::~RunHost() = default;

std::optional<int> RunHost::subnet_slot() const {
  if (ctx_.network.name.empty()) return std::nullopt;
  return ctx_.network.slot;
}

template <typename F>
void RunHost::Guarded(F f) {
  // A host without pending VMs is never contacted; a cancelled run sets nothing more up.
  if (pending_.empty() || !ok() || ctx_.cancellation->cancelled()) return;
  try {
    f();
  } catch (const std::exception& e) {
    keep_pending_ = dynamic_cast<const SubnetInUseError*>(&e) != nullptr;
    record_.setup_error = e.what();
    fmt::print(stderr, "infra error: host {}: {}\n", record_.uri, e.what());
  }
}

void RunHost::Connect() {
  Guarded([&] {
    hv_ = ctx_.connect(record_.uri);
    CollectDeadRuns(*hv_);  // a killed run's leftovers would hold memory and names
    record_.virt_type = hv_->BestVirtType();
    capacity_ = hv_->Capacity();
    ctx_.hypervisor = hv_.get();
    ctx_.virt_type = record_.virt_type;
  });
}

void RunHost::Prepare(const std::filesystem::path& image_dir, std::uint64_t base_capacity_bytes) {
  Guarded([&] {
    resources_ = std::make_unique<RunResources>(hv_.get());
    std::string prefix = std::string(kResourcePrefix) + ctx_.run_id;
    auto started = std::chrono::steady_clock::now();
    ctx_.boot_from_disk = BootsFromDisk(image_dir);
    if (ctx_.boot_from_disk) {
      ctx_.firmware = DiskFirmware(image_dir);
      // The image's partitioned disk, its own boot loader and kernel. The
      // upload is import's overlay: its backing file (the distro's image)
      // must be readable on this host at the path import recorded.
      ctx_.base_path = resources_->Upload(prefix + "-base.qcow2", image_dir / "disk.qcow2");
    } else {
      ctx_.kernel_path = resources_->Upload(prefix + "-vmlinuz", image_dir / "vmlinuz");
      ctx_.initrd_path = resources_->Upload(prefix + "-initrd.img", image_dir / "initrd.img");
      ctx_.base_path = resources_->Upload(prefix + "-base.qcow2", image_dir / "base.qcow2");
    }
    record_.upload_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ctx_.base_capacity_bytes = base_capacity_bytes;
    ctx_.network = resources_->CreateNetwork(ctx_.run_id, required_slot_,
                                             RunNetworkOptionsFor(*ctx_.scenario));
    ctx_.progress->Log(fmt::format("host {}: ready ({}, image uploaded in {:.1f} s, network {})",
                                   record_.uri, record_.virt_type, record_.upload_seconds,
                                   ctx_.network.name));
  });
}

void RunHost::Run() {
  if (!ok()) {
    if (!keep_pending_) RecordFailures();
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (int j = 0; j < record_.jobs; ++j) {
      workers.emplace_back([&] {
        for (std::size_t i; (i = next++) < pending_.size() && !ctx_.cancellation->cancelled();)
          RunVm(ctx_, pending_[i].vm, pending_[i].first_boot);
      });
    }
    for (std::thread& t : workers) t.join();
  }
  resources_.reset();  // this host's VMs are done: free it now, not after the slowest host
}

void RunHost::RecordFailures() const {
  std::runtime_error why(fmt::format("host {}: {}", record_.uri, record_.setup_error));
  for (const PendingVm& p : pending_) RecordPreparationFailure(ctx_, p.vm, p.first_boot, why);
}

}  // namespace bootstorm
