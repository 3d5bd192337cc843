// For unit tests: a Hypervisor and a RunningDomain whose every call throws
// std::logic_error, so a test fake overrides only the calls the code under
// test may make.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "hypervisor.h"

namespace bootstorm {

namespace unused_detail {
[[noreturn]] inline void Unused(const char* call) {
  throw std::logic_error(std::string(call) + " is not used by the code under test");
}
}  // namespace unused_detail

class UnusedDomain : public RunningDomain {
 public:
  const std::string& name() const override { return name_; }
  void RequestShutdown() override { unused_detail::Unused("RequestShutdown"); }
  void Destroy() override { unused_detail::Unused("Destroy"); }
  void AttachConfigDrive(const std::string&) override {
    unused_detail::Unused("AttachConfigDrive");
  }
  void SetLinkState(const std::string&, bool) override { unused_detail::Unused("SetLinkState"); }
  void SetVcpuQuota(std::optional<int>) override { unused_detail::Unused("SetVcpuQuota"); }

 private:
  std::string name_ = "vm";
};

class UnusedHypervisor : public Hypervisor {
 public:
  const std::string& uri() const override { return uri_; }
  std::string BestVirtType() override { Unused("BestVirtType"); }
  std::uint64_t PoolAvailableBytes() override { Unused("PoolAvailableBytes"); }
  std::string UploadVolume(const std::string&, const std::filesystem::path&,
                           VolumeFormat) override {
    Unused("UploadVolume");
  }
  void DownloadVolume(const std::string&, const std::filesystem::path&) override {
    Unused("DownloadVolume");
  }
  std::string CreateOverlayVolume(const std::string&, const std::string&, std::uint64_t) override {
    Unused("CreateOverlayVolume");
  }
  void DeleteVolume(const std::string&) override { Unused("DeleteVolume"); }
  void CreateNetwork(const RunNetwork&) override { Unused("CreateNetwork"); }
  void DestroyNetwork(const std::string&) override { Unused("DestroyNetwork"); }
  std::vector<HypervisorResource> ListResources(std::string_view) override {
    Unused("ListResources");
  }
  void RemoveResource(const HypervisorResource&) override { Unused("RemoveResource"); }
  std::unique_ptr<RunningDomain> StartDomain(const DomainSpec&, DomainEvents*) override {
    Unused("StartDomain");
  }
  HostCapacity Capacity() override { Unused("Capacity"); }

 private:
  [[noreturn]] static void Unused(const char* call) { unused_detail::Unused(call); }
  std::string uri_ = "test:///";
};

}  // namespace bootstorm
