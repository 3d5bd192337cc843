#include "fake_hypervisor.h"

#include <fstream>
#include <stdexcept>

#include "run_manifest.h"

namespace bootstorm {
namespace {

class FakeDomain : public RunningDomain {
 public:
  FakeDomain(FakeHypervisor* hv, FakeBoot boot) : hv_(hv), boot_(std::move(boot)) {}
  /// No callbacks after this, as the seam promises.
  ~FakeDomain() override { hv_->StopDomain(boot_.spec.name); }

  const std::string& name() const override { return boot_.spec.name; }
  void RequestShutdown() override {
    if (boot_.powers_off_on_request && hv_->StopDomain(boot_.spec.name))
      boot_.events->OnStopped("shutdown");
  }
  void Destroy() override {
    if (hv_->StopDomain(boot_.spec.name)) boot_.events->OnStopped("destroyed");
  }
  void AttachConfigDrive(const std::string&) override { Unsupported("AttachConfigDrive"); }
  void SetLinkState(const std::string&, bool) override { Unsupported("SetLinkState"); }
  void SetVcpuQuota(std::optional<int>) override { Unsupported("SetVcpuQuota"); }

 private:
  [[noreturn]] static void Unsupported(const char* call) {
    throw std::logic_error(std::string("the fake hypervisor has no host-side faults: ") + call);
  }
  FakeHypervisor* hv_;
  FakeBoot boot_;
};

std::string PoolPath(const std::string& volume) { return "/fake-pool/" + volume; }

void AddAll(std::vector<HypervisorResource>& out, const std::set<std::string>& names,
            HypervisorResource::Kind kind) {
  for (const std::string& name : names) out.push_back({kind, name});
}

void AddAll(std::vector<HypervisorResource>& out,
            const std::map<std::string, std::string>& marked_names, HypervisorResource::Kind kind) {
  for (const auto& [name, mark] : marked_names) out.push_back({kind, name, mark});
}

/// The mark the libvirt backend gives what run `run_id` creates; like it,
/// refuses what is no run id.
std::string Mark(const std::string& run_id) {
  if (!IsValidRunId(run_id))
    throw std::invalid_argument("not a run id for an ownership mark: '" + run_id + "'");
  return run_id;
}

}  // namespace

void FakeHypervisor::Script(BootScript script) {
  std::lock_guard lock(mu_);
  scripts_.push_back(std::move(script));
}

std::vector<FakeBoot> FakeHypervisor::starts() const {
  std::lock_guard lock(mu_);
  return starts_;
}

std::vector<std::string> FakeHypervisor::overlay_backings() const {
  std::lock_guard lock(mu_);
  return overlay_backings_;
}

std::vector<RunNetwork> FakeHypervisor::created_networks() const {
  std::lock_guard lock(mu_);
  return created_networks_;
}

void FakeHypervisor::Plant(const HypervisorResource& resource) {
  using Kind = HypervisorResource::Kind;
  std::lock_guard lock(mu_);
  if (resource.kind == Kind::kVolume)
    volumes_.insert(resource.name);  // volumes carry no mark
  else
    (resource.kind == Kind::kDomain ? domains_ : networks_)[resource.name] = resource.mark;
}

std::vector<HypervisorResource> FakeHypervisor::Existing() const {
  std::lock_guard lock(mu_);
  std::vector<HypervisorResource> out;
  AddAll(out, domains_, HypervisorResource::Kind::kDomain);
  AddAll(out, volumes_, HypervisorResource::Kind::kVolume);
  AddAll(out, networks_, HypervisorResource::Kind::kNetwork);
  return out;
}

std::string FakeHypervisor::UploadVolume(const std::string& name, const std::filesystem::path&,
                                         VolumeFormat) {
  std::lock_guard lock(mu_);
  volumes_.insert(name);
  return PoolPath(name);
}

void FakeHypervisor::DownloadVolume(const std::string& name, const std::filesystem::path& file) {
  {
    std::lock_guard lock(mu_);
    if (!volumes_.contains(name)) throw std::runtime_error("no volume " + name);
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << name;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string FakeHypervisor::CreateOverlayVolume(const std::string& name,
                                                const std::string& backing_path, std::uint64_t) {
  std::lock_guard lock(mu_);
  if (!volumes_.insert(name).second) throw std::runtime_error("volume exists: " + name);
  overlay_backings_.push_back(backing_path);
  return PoolPath(name);
}

void FakeHypervisor::DeleteVolume(const std::string& name) {
  std::lock_guard lock(mu_);
  volumes_.erase(name);
}

void FakeHypervisor::CreateNetwork(const RunNetwork& network) {
  std::string mark = Mark(network.run_id);
  std::lock_guard lock(mu_);
  if (!networks_.emplace(network.name, mark).second)
    throw std::runtime_error("network exists: " + network.name);
  created_networks_.push_back(network);
}

void FakeHypervisor::DestroyNetwork(const std::string& name) {
  std::lock_guard lock(mu_);
  networks_.erase(name);
}

std::vector<HypervisorResource> FakeHypervisor::ListResources(std::string_view prefix) {
  std::vector<HypervisorResource> all = Existing();
  std::erase_if(all, [&](const HypervisorResource& r) { return !r.name.starts_with(prefix); });
  return all;
}

void FakeHypervisor::RemoveResource(const HypervisorResource& resource) {
  std::lock_guard lock(mu_);
  switch (resource.kind) {
    case HypervisorResource::Kind::kDomain:
      domains_.erase(resource.name);
      break;
    case HypervisorResource::Kind::kVolume:
      volumes_.erase(resource.name);
      break;
    case HypervisorResource::Kind::kNetwork:
      networks_.erase(resource.name);
      break;
  }
}

std::unique_ptr<RunningDomain> FakeHypervisor::StartDomain(const DomainSpec& spec,
                                                           DomainEvents* events) {
  const std::string& name = spec.name;
  std::string mark = Mark(spec.run_id);
  FakeBoot boot{spec, events};
  BootScript script;
  {
    std::lock_guard lock(mu_);
    if (scripts_.empty()) throw std::logic_error("no script for the start of " + name);
    if (!domains_.emplace(name, mark).second)
      throw std::runtime_error("domain runs already: " + name);
    script = std::move(scripts_.front());
    scripts_.pop_front();
    starts_.push_back(boot);
  }
  try {
    script(boot);
  } catch (...) {
    StopDomain(name);
    throw;
  }
  return std::make_unique<FakeDomain>(this, std::move(boot));
}

bool FakeHypervisor::StopDomain(const std::string& name) {
  std::lock_guard lock(mu_);
  return domains_.erase(name) > 0;
}

}  // namespace bootstorm
