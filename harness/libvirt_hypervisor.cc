#include "libvirt_hypervisor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <libvirt/virterror.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "observation.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

[[noreturn]] void ThrowLibvirt(const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", what, LastLibvirtError()));
}

void IgnoreLibvirtError(void*, virErrorPtr) {}

/// libvirt's default event loop, run on one thread for the process lifetime.
/// It must be registered before the first connection is opened.
class EventLoop {
 public:
  static void EnsureRunning() { static EventLoop loop; }

  ~EventLoop() {
    stop_ = true;
    // Wake the loop so it sees stop_.
    virEventAddTimeout(
        0, [](int timer, void*) { virEventRemoveTimeout(timer); }, nullptr, nullptr);
    thread_.join();
  }

 private:
  EventLoop() {
    virSetErrorFunc(nullptr, IgnoreLibvirtError);  // errors are reported by us, not printed
    if (virEventRegisterDefaultImpl() < 0) ThrowLibvirt("virEventRegisterDefaultImpl");
    thread_ = std::thread([this] {
      while (!stop_) virEventRunDefaultImpl();
    });
  }
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

/// Reads a non-blocking stream on the event thread and hands the bytes on.
/// Shared between the event callback and its owner; `closed` ends delivery.
struct StreamPump {
  std::mutex mu;
  bool closed = false;
  virStreamPtr stream = nullptr;
  std::function<void(std::string_view)> on_data;
  std::function<void(const std::string&)> on_close;

  /// Ends delivery; called with mu held.
  void CloseLocked(bool abort, const std::string& reason) {
    if (closed) return;
    closed = true;
    virStreamEventRemoveCallback(stream);
    if (abort) {
      virStreamAbort(stream);
    } else {
      virStreamFinish(stream);
    }
    if (on_close) on_close(reason);
  }

  static void OnEvent(virStreamPtr st, int events, void* opaque) {
    auto& self = **static_cast<std::shared_ptr<StreamPump>*>(opaque);
    std::lock_guard lock(self.mu);
    if (self.closed) return;
    char buffer[64 * 1024];
    // A bounded number of reads per wake-up keeps one noisy guest from
    // starving the others on the shared event thread.
    for (int i = 0; i < 16; ++i) {
      int n = virStreamRecv(st, buffer, sizeof buffer);
      if (n > 0) {
        self.on_data(std::string_view(buffer, static_cast<std::size_t>(n)));
        continue;
      }
      if (n == -2) break;  // nothing more for now
      if (n == 0) {
        self.CloseLocked(false, "end of stream");
      } else {
        self.CloseLocked(true, "stream error: " + LastLibvirtError());
      }
      return;
    }
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
      self.CloseLocked(true, "stream hang-up");
  }

  static void FreeOpaque(void* opaque) { delete static_cast<std::shared_ptr<StreamPump>*>(opaque); }
};

std::shared_ptr<StreamPump> StartPump(virStreamPtr st, std::function<void(std::string_view)> data,
                                      std::function<void(const std::string&)> closed) {
  auto pump = std::make_shared<StreamPump>();
  pump->stream = st;
  pump->on_data = std::move(data);
  pump->on_close = std::move(closed);
  if (virStreamEventAddCallback(
          st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP,
          &StreamPump::OnEvent, new std::shared_ptr<StreamPump>(pump),
          &StreamPump::FreeOpaque) < 0) {
    ThrowLibvirt("virStreamEventAddCallback");
  }
  return pump;
}

void StopPump(const std::shared_ptr<StreamPump>& pump) {
  if (!pump) return;
  {
    std::lock_guard lock(pump->mu);
    pump->on_close = nullptr;  // the owner is going away: no callback for its own close
    pump->CloseLocked(true, "closed by the harness");
  }
  virStreamFree(pump->stream);
}

std::string StoppedReason(int detail) {
  switch (detail) {
    case VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN:
      return "shutdown";
    case VIR_DOMAIN_EVENT_STOPPED_DESTROYED:
      return "destroyed";
    case VIR_DOMAIN_EVENT_STOPPED_CRASHED:
      return "crashed";
    case VIR_DOMAIN_EVENT_STOPPED_FAILED:
      return "failed";
    default:
      return fmt::format("stopped (detail {})", detail);
  }
}

class LibvirtDomain : public RunningDomain {
 public:
  LibvirtDomain(LibvirtHypervisor* hv, std::string name, virDomainPtr dom)
      : hv_(hv), name_(std::move(name)), dom_(dom) {}

  ~LibvirtDomain() override {
    Destroy();
    StopPump(channel_);
    StopPump(console_);
    hv_->Unwatch(name_);
    virDomainFree(dom_);
  }

  const std::string& name() const override { return name_; }

  void RequestShutdown() override {
    if (virDomainShutdownFlags(dom_, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) < 0)
      ThrowLibvirt("shutdown of " + name_);
  }

  void Destroy() override {
    if (virDomainIsActive(dom_) == 1) virDomainDestroy(dom_);
  }

  void Attach(virConnectPtr conn, DomainEvents* events) {
    virStreamPtr channel = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    if (!channel) ThrowLibvirt("virStreamNew");
    if (virDomainOpenChannel(dom_, std::string(kProbeChannelName).c_str(), channel,
                             VIR_DOMAIN_CHANNEL_FORCE) < 0) {
      virStreamFree(channel);
      ThrowLibvirt("opening the probe channel of " + name_);
    }
    channel_ = StartPump(
        channel, [events](std::string_view b) { events->OnChannelData(b); },
        [events](const std::string& why) { events->OnChannelClosed(why); });
    virStreamPtr console = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    if (!console) ThrowLibvirt("virStreamNew");
    if (virDomainOpenConsole(dom_, nullptr, console, VIR_DOMAIN_CONSOLE_FORCE) < 0) {
      virStreamFree(console);
      ThrowLibvirt("opening the console of " + name_);
    }
    console_ = StartPump(
        console, [events](std::string_view b) { events->OnConsoleData(b); }, nullptr);
  }

 private:
  LibvirtHypervisor* hv_;
  std::string name_;
  virDomainPtr dom_;
  std::shared_ptr<StreamPump> channel_;
  std::shared_ptr<StreamPump> console_;
};

}  // namespace

std::string LastLibvirtError() {
  const char* message = virGetLastErrorMessage();
  return message ? message : "unknown libvirt error";
}

LibvirtHypervisor::LibvirtHypervisor(std::string uri) : uri_(std::move(uri)) {
  EventLoop::EnsureRunning();
  conn_ = virConnectOpen(uri_.c_str());
  if (!conn_) ThrowLibvirt("cannot connect to " + uri_);
  // Keepalive lets a dead daemon or link show up as an error, not a hang.
  virConnectSetKeepAlive(conn_, 5, 6);
  lifecycle_callback_ =
      virConnectDomainEventRegisterAny(conn_, nullptr, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                       VIR_DOMAIN_EVENT_CALLBACK(&OnLifecycle), this, nullptr);
  if (lifecycle_callback_ < 0) {
    virConnectClose(conn_);
    ThrowLibvirt("registering lifecycle events on " + uri_);
  }
  pool_ = EnsurePool();
}

LibvirtHypervisor::~LibvirtHypervisor() {
  if (lifecycle_callback_ >= 0) virConnectDomainEventDeregisterAny(conn_, lifecycle_callback_);
  if (pool_) virStoragePoolFree(pool_);
  virConnectClose(conn_);
}

void LibvirtHypervisor::OnLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail,
                                    void* opaque) {
  if (event != VIR_DOMAIN_EVENT_STOPPED) return;
  auto* self = static_cast<LibvirtHypervisor*>(opaque);
  const char* name = virDomainGetName(dom);
  if (!name) return;
  std::lock_guard lock(self->watch_mu_);
  auto it = self->watched_.find(name);
  if (it != self->watched_.end()) it->second->OnStopped(StoppedReason(detail));
}

void LibvirtHypervisor::Watch(const std::string& name, DomainEvents* events) {
  std::lock_guard lock(watch_mu_);
  watched_[name] = events;
}

void LibvirtHypervisor::Unwatch(const std::string& name) {
  std::lock_guard lock(watch_mu_);
  watched_.erase(name);
}

virStoragePoolPtr LibvirtHypervisor::EnsurePool() {
  std::string name(kStoragePoolName);
  virStoragePoolPtr pool = virStoragePoolLookupByName(conn_, name.c_str());
  if (!pool) {
    std::string xml = fmt::format(
        "<pool type='dir'><name>{}</name><target><path>{}</path>"
        "<permissions><mode>0755</mode></permissions></target></pool>",
        name, kStoragePoolPath);
    pool = virStoragePoolDefineXML(conn_, xml.c_str(), 0);
    if (!pool) {
      // Another run may have defined it meanwhile.
      pool = virStoragePoolLookupByName(conn_, name.c_str());
      if (!pool) ThrowLibvirt("defining storage pool " + name);
    } else {
      if (virStoragePoolBuild(pool, 0) < 0) ThrowLibvirt("building storage pool " + name);
      virStoragePoolSetAutostart(pool, 1);
    }
  }
  if (virStoragePoolIsActive(pool) != 1 && virStoragePoolCreate(pool, 0) < 0 &&
      virStoragePoolIsActive(pool) != 1) {
    virStoragePoolFree(pool);
    ThrowLibvirt("starting storage pool " + name);
  }
  return pool;
}

std::string LibvirtHypervisor::BestVirtType() {
  char* caps = virConnectGetDomainCapabilities(conn_, nullptr, "x86_64", nullptr, "kvm", 0);
  if (caps) {
    free(caps);
    return "kvm";
  }
  return "qemu";
}

std::uint64_t LibvirtHypervisor::PoolAvailableBytes() {
  virStoragePoolRefresh(pool_, 0);
  virStoragePoolInfo info{};
  if (virStoragePoolGetInfo(pool_, &info) < 0) ThrowLibvirt("reading storage pool information");
  return info.available;
}

namespace {

std::string VolumePath(virStorageVolPtr vol) {
  char* path = virStorageVolGetPath(vol);
  if (!path) ThrowLibvirt("virStorageVolGetPath");
  std::string out(path);
  free(path);
  return out;
}

struct UploadSource {
  int fd;
};

int ReadForUpload(virStreamPtr, char* data, size_t nbytes, void* opaque) {
  return static_cast<int>(read(static_cast<UploadSource*>(opaque)->fd, data, nbytes));
}

int WriteDownloaded(virStreamPtr, const char* data, size_t nbytes, void* opaque) {
  int fd = *static_cast<int*>(opaque);
  for (size_t done = 0; done < nbytes;) {
    ssize_t n = write(fd, data + done, nbytes - done);
    if (n < 0 && errno != EINTR) return -1;
    if (n > 0) done += static_cast<size_t>(n);
  }
  return static_cast<int>(nbytes);
}

}  // namespace

std::string LibvirtHypervisor::UploadVolume(const std::string& name,
                                            const std::filesystem::path& file,
                                            VolumeFormat format) {
  int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot open for upload", file.string()));
  struct stat st {};
  fstat(fd, &st);
  auto size = static_cast<unsigned long long>(st.st_size);
  std::string xml = fmt::format(
      "<volume><name>{}</name><capacity unit='bytes'>{}</capacity>"
      "<allocation unit='bytes'>0</allocation><target><format type='{}'/></target></volume>",
      XmlEscape(name), size, format == VolumeFormat::kQcow2 ? "qcow2" : "raw");
  virStorageVolPtr vol = virStorageVolCreateXML(pool_, xml.c_str(), 0);
  if (!vol) {
    close(fd);
    ThrowLibvirt("creating volume " + name);
  }
  virStreamPtr stream = virStreamNew(conn_, 0);
  UploadSource source{fd};
  bool ok = stream && virStorageVolUpload(vol, stream, 0, size, 0) == 0 &&
            virStreamSendAll(stream, ReadForUpload, &source) == 0 && virStreamFinish(stream) == 0;
  std::string error = ok ? "" : LastLibvirtError();
  if (stream) {
    if (!ok) virStreamAbort(stream);
    virStreamFree(stream);
  }
  close(fd);
  if (!ok) {
    virStorageVolDelete(vol, 0);
    virStorageVolFree(vol);
    throw std::runtime_error(
        fmt::format("uploading {} to volume {}: {}", file.string(), name, error));
  }
  std::string path = VolumePath(vol);
  virStorageVolFree(vol);
  return path;
}

void LibvirtHypervisor::DownloadVolume(const std::string& name, const std::filesystem::path& file) {
  int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error(fmt::format("{}: cannot create: {}", file.string(), strerror(errno)));
  virStorageVolPtr vol = virStorageVolLookupByName(pool_, name.c_str());
  virStreamPtr stream = vol ? virStreamNew(conn_, 0) : nullptr;
  bool ok = stream && virStorageVolDownload(vol, stream, 0, 0, 0) == 0 &&
            virStreamRecvAll(stream, WriteDownloaded, &fd) == 0 && virStreamFinish(stream) == 0;
  std::string error = ok ? "" : LastLibvirtError();
  if (stream) {
    if (!ok) virStreamAbort(stream);
    virStreamFree(stream);
  }
  if (vol) virStorageVolFree(vol);
  if (close(fd) != 0 && ok) error = fmt::format("closing {}: {}", file.string(), strerror(errno));
  if (!error.empty())
    throw std::runtime_error(
        fmt::format("downloading volume {} to {}: {}", name, file.string(), error));
}

std::string LibvirtHypervisor::CreateOverlayVolume(const std::string& name,
                                                   const std::string& backing_path,
                                                   std::uint64_t capacity_bytes) {
  std::string xml = fmt::format(
      "<volume><name>{}</name><capacity unit='bytes'>{}</capacity>"
      "<target><format type='qcow2'/></target>"
      "<backingStore><path>{}</path><format type='qcow2'/></backingStore></volume>",
      XmlEscape(name), capacity_bytes, XmlEscape(backing_path));
  virStorageVolPtr vol = virStorageVolCreateXML(pool_, xml.c_str(), 0);
  if (!vol) ThrowLibvirt("creating overlay volume " + name);
  std::string path = VolumePath(vol);
  virStorageVolFree(vol);
  return path;
}

void LibvirtHypervisor::DeleteVolume(const std::string& name) {
  virStorageVolPtr vol = virStorageVolLookupByName(pool_, name.c_str());
  if (!vol) return;
  int rc = virStorageVolDelete(vol, 0);
  virStorageVolFree(vol);
  if (rc < 0) ThrowLibvirt("deleting volume " + name);
}

void LibvirtHypervisor::CreateNetwork(const std::string& xml) {
  virNetworkPtr net = virNetworkCreateXML(conn_, xml.c_str());
  if (!net) ThrowLibvirt("creating network");
  virNetworkFree(net);
}

void LibvirtHypervisor::DestroyNetwork(const std::string& name) {
  virNetworkPtr net = virNetworkLookupByName(conn_, name.c_str());
  if (!net) return;
  int rc = virNetworkDestroy(net);
  virNetworkFree(net);
  if (rc < 0) ThrowLibvirt("destroying network " + name);
}

namespace {

/// Appends the objects of one libvirt list whose names start with `prefix`,
/// and frees the list.
template <typename Ptr, typename GetName, typename Free>
void CollectByPrefix(HypervisorResource::Kind kind, Ptr* list, int count, std::string_view prefix,
                     GetName get_name, Free free_one, std::vector<HypervisorResource>& out) {
  for (int i = 0; i < count; ++i) {
    std::string name = get_name(list[i]);
    if (name.starts_with(prefix)) out.push_back({kind, name});
    free_one(list[i]);
  }
  free(list);
}

}  // namespace

std::vector<HypervisorResource> LibvirtHypervisor::ListResources(std::string_view prefix) {
  using Kind = HypervisorResource::Kind;
  std::vector<HypervisorResource> out;
  virDomainPtr* domains = nullptr;
  int n = virConnectListAllDomains(conn_, &domains, 0);
  if (n < 0) ThrowLibvirt("listing domains");
  CollectByPrefix(Kind::kDomain, domains, n, prefix, virDomainGetName, virDomainFree, out);
  virStoragePoolRefresh(pool_, 0);
  virStorageVolPtr* volumes = nullptr;
  n = virStoragePoolListAllVolumes(pool_, &volumes, 0);
  if (n < 0) ThrowLibvirt("listing volumes");
  CollectByPrefix(Kind::kVolume, volumes, n, prefix, virStorageVolGetName, virStorageVolFree, out);
  virNetworkPtr* networks = nullptr;
  n = virConnectListAllNetworks(conn_, &networks, 0);
  if (n < 0) ThrowLibvirt("listing networks");
  CollectByPrefix(Kind::kNetwork, networks, n, prefix, virNetworkGetName, virNetworkFree, out);
  return out;
}

void LibvirtHypervisor::RemoveResource(const HypervisorResource& resource) {
  switch (resource.kind) {
    case HypervisorResource::Kind::kVolume:
      return DeleteVolume(resource.name);
    case HypervisorResource::Kind::kNetwork:
      return DestroyNetwork(resource.name);
    case HypervisorResource::Kind::kDomain: {
      virDomainPtr dom = virDomainLookupByName(conn_, resource.name.c_str());
      if (!dom) return;
      int rc = virDomainIsActive(dom) == 1 ? virDomainDestroy(dom) : 0;
      virDomainFree(dom);
      if (rc < 0) ThrowLibvirt("destroying domain " + resource.name);
      return;
    }
  }
}

std::unique_ptr<RunningDomain> LibvirtHypervisor::StartDomain(const std::string& name,
                                                              const std::string& xml,
                                                              DomainEvents* events) {
  // Watch before creating: the domain may stop before virDomainCreateXML returns.
  Watch(name, events);
  virDomainPtr dom = virDomainCreateXML(conn_, xml.c_str(), 0);
  if (!dom) {
    Unwatch(name);
    ThrowLibvirt("starting domain " + name);
  }
  auto domain = std::make_unique<LibvirtDomain>(this, name, dom);
  domain->Attach(conn_, events);  // on throw, the destructor destroys the domain
  return domain;
}

}  // namespace bootstorm

namespace bootstorm {

HostCapacity LibvirtHypervisor::Capacity() {
  virNodeInfo node{};
  if (virNodeGetInfo(conn_, &node) < 0) ThrowLibvirt("reading the node information of " + uri_);
  int count = 0;
  if (virNodeGetMemoryStats(conn_, VIR_NODE_MEMORY_STATS_ALL_CELLS, nullptr, &count, 0) < 0)
    ThrowLibvirt("reading the memory statistics of " + uri_);
  std::vector<virNodeMemoryStats> stats(count);
  if (virNodeGetMemoryStats(conn_, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats.data(), &count, 0) < 0)
    ThrowLibvirt("reading the memory statistics of " + uri_);
  // Like MemAvailable: buffers and page cache are reclaimable, unlike free pages alone.
  unsigned long long available_kib = 0;
  for (int i = 0; i < count; ++i) {
    std::string_view field = stats[i].field;
    if (field == VIR_NODE_MEMORY_STATS_FREE || field == VIR_NODE_MEMORY_STATS_BUFFERS ||
        field == VIR_NODE_MEMORY_STATS_CACHED)
      available_kib += stats[i].value;
  }
  return HostCapacity{static_cast<long>(node.cpus), static_cast<long long>(available_kib / 1024)};
}

}  // namespace bootstorm
