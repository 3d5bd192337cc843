#include "libvirt_hypervisor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "domain_xml.h"
#include "history.h"
#include "network_xml.h"
#include "observation.h"
#include "ownership_mark.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

/// How a stream pump lets go of its stream.
enum class StreamEnd {
  kFinish,  ///< the stream ended normally
  kAbort,   ///< error, or the harness stops reading
  kForget,  ///< the connection is lost: only drop the client-side callback
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
  void CloseLocked(StreamEnd end, const std::string& reason) {
    if (closed) return;
    closed = true;
    virStreamEventRemoveCallback(stream);
    if (end == StreamEnd::kAbort) virStreamAbort(stream);
    if (end == StreamEnd::kFinish) virStreamFinish(stream);
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
        self.CloseLocked(StreamEnd::kFinish, "end of stream");
      } else {
        self.CloseLocked(StreamEnd::kAbort, "stream error: " + LastLibvirtError());
      }
      return;
    }
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
      self.CloseLocked(StreamEnd::kAbort, "stream hang-up");
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

/// Stops delivery and frees the stream; `connected`: its connection is
/// still the current one, so the daemon is told too.
void StopPump(const std::shared_ptr<StreamPump>& pump, bool connected) {
  if (!pump) return;
  {
    std::lock_guard lock(pump->mu);
    pump->on_close = nullptr;  // the owner is going away: no callback for its own close
    pump->CloseLocked(connected ? StreamEnd::kAbort : StreamEnd::kForget, "closed by the harness");
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

/// The result of a lookup by name through `link`, owned: empty when there is
/// no such object; throws ConnectionLostError when the lookup failed because
/// the connection went away.
template <typename Handle, typename T>
Handle Found(LibvirtConnection& connection, const LibvirtLink& link, T* found,
             const std::string& what) {
  if (!found) connection.ThrowIfLost(link, "looking up " + what);
  return Handle(found);
}

/// libvirt typed parameters, freed on scope exit.
struct TypedParams {
  TypedParams() = default;
  TypedParams(const TypedParams&) = delete;
  TypedParams& operator=(const TypedParams&) = delete;
  ~TypedParams() { virTypedParamsFree(params, count); }
  virTypedParameterPtr params = nullptr;
  int count = 0;
  int capacity = 0;
};

class LibvirtDomain : public RunningDomain {
 public:
  LibvirtDomain(LibvirtHypervisor* hv, std::shared_ptr<LibvirtLink> link, const DomainSpec& spec,
                virDomainPtr dom)
      : hv_(hv), link_(std::move(link)), name_(spec.name), network_(spec.network), dom_(dom) {}

  ~LibvirtDomain() override {
    try {
      Destroy();
    } catch (const std::exception& e) {
      // The daemon stayed away. The next attempt's StartDomain, or
      // `bootstorm gc`, removes the domain once it is back.
      fmt::print(stderr, "warning: {}\n", e.what());
    }
    bool connected = hv_->connection().IsCurrent(*link_);
    StopPump(channel_, connected);
    StopPump(history_, connected);
    StopPump(console_, connected);
    hv_->Unwatch(name_);
  }

  const std::string& name() const override { return name_; }

  void RequestShutdown() override {
    if (virDomainShutdownFlags(dom_.get(), VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) < 0)
      hv_->connection().Fail(*link_, "shutdown of " + name_);
  }

  // By name, not through dom_: after a daemon restart dom_ belongs to the
  // lost connection while the daemon has reattached the domain.
  void Destroy() override { hv_->DestroyDomainNamed(name_); }

  void AttachConfigDrive(const std::string& path) override {
    std::string xml = ConfigDriveXml(path);
    if (virDomainAttachDeviceFlags(dom_.get(), xml.c_str(), VIR_DOMAIN_AFFECT_LIVE) < 0)
      hv_->connection().Fail(*link_, "hot-plugging a device into " + name_);
  }

  void SetLinkState(const std::string& mac, bool up) override {
    std::string xml = InterfaceXml(network_, mac, up);
    if (virDomainUpdateDeviceFlags(dom_.get(), xml.c_str(), VIR_DOMAIN_AFFECT_LIVE) < 0)
      hv_->connection().Fail(*link_, "updating a device of " + name_);
  }

  void SetVcpuQuota(std::optional<int> percent) override {
    constexpr unsigned long long kPeriodUs = 100'000;
    // A negative quota is libvirt's "no limit".
    long long quota = percent ? static_cast<long long>(*percent) * kPeriodUs / 100 : -1;
    TypedParams p;
    bool built = virTypedParamsAddULLong(&p.params, &p.count, &p.capacity,
                                         VIR_DOMAIN_SCHEDULER_VCPU_PERIOD, kPeriodUs) == 0 &&
                 virTypedParamsAddLLong(&p.params, &p.count, &p.capacity,
                                        VIR_DOMAIN_SCHEDULER_VCPU_QUOTA, quota) == 0;
    if (!built || virDomainSetSchedulerParametersFlags(dom_.get(), p.params, p.count,
                                                       VIR_DOMAIN_AFFECT_LIVE) < 0)
      hv_->connection().Fail(*link_, fmt::format("setting vcpu_quota {} of {}", quota, name_));
  }

  void Attach(DomainEvents* events) {
    channel_ = StartPump(
        OpenChannel(kProbeChannelName), [events](std::string_view b) { events->OnChannelData(b); },
        [events](const std::string& why) { events->OnChannelClosed(why); });
    history_ = StartPump(
        OpenChannel(kHistoryChannelName),
        [events](std::string_view b) { events->OnHistoryData(b); }, nullptr);
    virStreamPtr console = virStreamNew(link_->conn, VIR_STREAM_NONBLOCK);
    if (!console) hv_->connection().Fail(*link_, "virStreamNew");
    if (virDomainOpenConsole(dom_.get(), nullptr, console, VIR_DOMAIN_CONSOLE_FORCE) < 0) {
      StreamHandle freed(console);
      hv_->connection().Fail(*link_, "opening the console of " + name_);
    }
    console_ = StartPump(
        console, [events](std::string_view b) { events->OnConsoleData(b); }, nullptr);
  }

 private:
  // A stream of the domain's virtio-serial channel `channel`.
  virStreamPtr OpenChannel(std::string_view channel) {
    virStreamPtr stream = virStreamNew(link_->conn, VIR_STREAM_NONBLOCK);
    if (!stream) hv_->connection().Fail(*link_, "virStreamNew");
    if (virDomainOpenChannel(dom_.get(), std::string(channel).c_str(), stream,
                             VIR_DOMAIN_CHANNEL_FORCE) < 0) {
      StreamHandle freed(stream);
      hv_->connection().Fail(*link_, fmt::format("opening the channel {} of {}", channel, name_));
    }
    return stream;
  }

  LibvirtHypervisor* hv_;
  std::shared_ptr<LibvirtLink> link_;  ///< the connection dom_ and the streams belong to
  std::string name_;
  std::string network_;  ///< of the domain's NICs, in the elements that update them
  DomainHandle dom_;
  std::shared_ptr<StreamPump> channel_;
  std::shared_ptr<StreamPump> history_;
  std::shared_ptr<StreamPump> console_;
};

}  // namespace

std::unique_ptr<Hypervisor> ConnectLibvirt(const std::string& uri) {
  return std::make_unique<LibvirtHypervisor>(uri);
}

LibvirtHypervisor::LibvirtHypervisor(std::string uri)
    : connection_(std::move(uri), {VIR_DOMAIN_EVENT_CALLBACK(&OnLifecycle), this,
                                   [this](const std::string& reason) { NotifyLost(reason); }}) {}

void LibvirtHypervisor::OnLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail,
                                    void* opaque) {
  if (event != VIR_DOMAIN_EVENT_STOPPED) return;
  auto* self = static_cast<LibvirtHypervisor*>(opaque);
  const char* name = virDomainGetName(dom);
  char uuid[VIR_UUID_STRING_BUFLEN];
  if (!name || virDomainGetUUIDString(dom, uuid) < 0) return;
  std::lock_guard lock(self->watch_mu_);
  if (self->retired_.erase(uuid) > 0) return;
  auto it = self->watched_.find(name);
  if (it != self->watched_.end()) it->second->OnStopped(StoppedReason(detail));
}

void LibvirtHypervisor::NotifyLost(const std::string& reason) {
  std::lock_guard lock(watch_mu_);
  for (auto& [name, events] : watched_) events->OnConnectionLost(reason);
}

void LibvirtHypervisor::Watch(const std::string& name, DomainEvents* events) {
  std::lock_guard lock(watch_mu_);
  watched_[name] = events;
}

void LibvirtHypervisor::Unwatch(const std::string& name) {
  std::lock_guard lock(watch_mu_);
  watched_.erase(name);
}

void LibvirtHypervisor::Retire(const std::string& uuid) {
  std::lock_guard lock(watch_mu_);
  retired_.insert(uuid);
}

void LibvirtHypervisor::DestroyDomainNamed(const std::string& name) {
  connection_.Retrying([&](LibvirtLink& link) {
    auto dom = Found<DomainHandle>(
        connection_, link, virDomainLookupByName(link.conn, name.c_str()), "domain " + name);
    if (!dom) return;  // no such domain
    int active = virDomainIsActive(dom.get());
    if (active < 0) connection_.ThrowIfLost(link, "checking domain " + name);
    if (active != 1) return;
    char uuid[VIR_UUID_STRING_BUFLEN];
    if (virDomainGetUUIDString(dom.get(), uuid) == 0) Retire(uuid);
    if (virDomainDestroy(dom.get()) < 0) connection_.Fail(link, "destroying domain " + name);
  });
}

std::string LibvirtHypervisor::BestVirtType() {
  return connection_.Retrying([&](LibvirtLink& link) -> std::string {
    char* caps = virConnectGetDomainCapabilities(link.conn, nullptr, "x86_64", nullptr, "kvm", 0);
    if (!caps) {
      connection_.ThrowIfLost(link, "reading domain capabilities");
      return "qemu";
    }
    free(caps);
    return "kvm";
  });
}

std::uint64_t LibvirtHypervisor::PoolAvailableBytes() {
  return connection_.Retrying([&](LibvirtLink& link) {
    virStoragePoolRefresh(link.pool, 0);
    virStoragePoolInfo info{};
    if (virStoragePoolGetInfo(link.pool, &info) < 0)
      connection_.Fail(link, "reading storage pool information");
    return static_cast<std::uint64_t>(info.available);
  });
}

namespace {

std::string VolumePath(LibvirtConnection& connection, const LibvirtLink& link,
                       virStorageVolPtr vol) {
  char* path = virStorageVolGetPath(vol);
  if (!path) connection.Fail(link, "virStorageVolGetPath");
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
  std::unique_ptr<int, decltype([](int* f) { close(*f); })> closer(&fd);
  struct stat st {};
  fstat(fd, &st);
  auto size = static_cast<unsigned long long>(st.st_size);
  std::string xml = fmt::format(
      "<volume><name>{}</name><capacity unit='bytes'>{}</capacity>"
      "<allocation unit='bytes'>0</allocation><target><format type='{}'/></target></volume>",
      XmlEscape(name), size, format == VolumeFormat::kQcow2 ? "qcow2" : "raw");
  std::shared_ptr<LibvirtLink> link = connection_.Live();
  VolumeHandle vol(virStorageVolCreateXML(link->pool, xml.c_str(), 0));
  if (!vol) connection_.Fail(*link, "creating volume " + name);
  StreamHandle stream(virStreamNew(link->conn, 0));
  UploadSource source{fd};
  if (!stream || virStorageVolUpload(vol.get(), stream.get(), 0, size, 0) < 0 ||
      virStreamSendAll(stream.get(), ReadForUpload, &source) < 0 ||
      virStreamFinish(stream.get()) < 0) {
    std::string what = fmt::format("uploading {} to volume {}", file.string(), name);
    // A lost connection leaves the volume to the caller's cleanup, which
    // deletes it through the next connection.
    std::string error = connection_.ThrowIfLost(*link, what);
    if (stream) virStreamAbort(stream.get());
    virStorageVolDelete(vol.get(), 0);
    throw std::runtime_error(fmt::format("{}: {}", what, error));
  }
  return VolumePath(connection_, *link, vol.get());
}

void LibvirtHypervisor::DownloadVolume(const std::string& name, const std::filesystem::path& file) {
  int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error(fmt::format("{}: cannot create: {}", file.string(), strerror(errno)));
  std::unique_ptr<int, decltype([](int* f) { close(*f); })> closer(&fd);
  std::string what = fmt::format("downloading volume {} to {}", name, file.string());
  std::shared_ptr<LibvirtLink> link = connection_.Live();
  VolumeHandle vol(virStorageVolLookupByName(link->pool, name.c_str()));
  if (!vol) connection_.Fail(*link, what);
  StreamHandle stream(virStreamNew(link->conn, 0));
  if (!stream || virStorageVolDownload(vol.get(), stream.get(), 0, 0, 0) < 0 ||
      virStreamRecvAll(stream.get(), WriteDownloaded, &fd) < 0 ||
      virStreamFinish(stream.get()) < 0) {
    std::string error = connection_.ThrowIfLost(*link, what);
    if (stream) virStreamAbort(stream.get());
    throw std::runtime_error(fmt::format("{}: {}", what, error));
  }
  // Closing is where a full disk may show: check it, unlike the error paths.
  if (close(*closer.release()) != 0)
    throw std::runtime_error(fmt::format("closing {}: {}", file.string(), strerror(errno)));
}

std::string LibvirtHypervisor::CreateOverlayVolume(const std::string& name,
                                                   const std::string& backing_path,
                                                   std::uint64_t capacity_bytes) {
  std::string xml = fmt::format(
      "<volume><name>{}</name><capacity unit='bytes'>{}</capacity>"
      "<target><format type='qcow2'/></target>"
      "<backingStore><path>{}</path><format type='qcow2'/></backingStore></volume>",
      XmlEscape(name), capacity_bytes, XmlEscape(backing_path));
  std::shared_ptr<LibvirtLink> link = connection_.Live();
  VolumeHandle vol(virStorageVolCreateXML(link->pool, xml.c_str(), 0));
  if (!vol) connection_.Fail(*link, "creating overlay volume " + name);
  return VolumePath(connection_, *link, vol.get());
}

void LibvirtHypervisor::DeleteVolume(const std::string& name) {
  connection_.Retrying([&](LibvirtLink& link) {
    auto vol = Found<VolumeHandle>(
        connection_, link, virStorageVolLookupByName(link.pool, name.c_str()), "volume " + name);
    if (!vol) return;  // no such volume
    if (virStorageVolDelete(vol.get(), 0) < 0) connection_.Fail(link, "deleting volume " + name);
  });
}

void LibvirtHypervisor::CreateNetwork(const RunNetwork& network) {
  std::string xml = RunNetworkXml(network);
  std::shared_ptr<LibvirtLink> link = connection_.Live();
  NetworkHandle net(virNetworkCreateXML(link->conn, xml.c_str()));
  if (!net) connection_.Fail(*link, "creating network");
}

void LibvirtHypervisor::DestroyNetwork(const std::string& name) {
  connection_.Retrying([&](LibvirtLink& link) {
    auto net = Found<NetworkHandle>(
        connection_, link, virNetworkLookupByName(link.conn, name.c_str()), "network " + name);
    if (!net) return;  // no such network
    if (virNetworkDestroy(net.get()) < 0) connection_.Fail(link, "destroying network " + name);
  });
}

namespace {

/// Appends the objects of one libvirt list whose names start with `prefix`,
/// with the run id `mark_of` reads from each one's ownership mark, and frees
/// the list (also when `mark_of` throws).
template <typename Ptr, typename GetName, typename MarkOf, typename Free>
void CollectByPrefix(HypervisorResource::Kind kind, Ptr* list, int count, std::string_view prefix,
                     GetName get_name, MarkOf mark_of, Free free_one,
                     std::vector<HypervisorResource>& out) {
  struct ListOwner {
    Ptr* list;
    int count;
    Free free_one;
    ~ListOwner() {
      for (int i = 0; i < count; ++i) free_one(list[i]);
      free(list);
    }
  } owner{list, count, free_one};
  for (int i = 0; i < count; ++i) {
    std::string name = get_name(list[i]);
    if (name.starts_with(prefix)) out.push_back({kind, name, mark_of(list[i])});
  }
}

/// The run id in the ownership mark of `dom`; empty when it has none.
std::string DomainMark(LibvirtConnection& connection, const LibvirtLink& link, virDomainPtr dom) {
  char* element = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                       std::string(kOwnershipNamespace).c_str(), 0);
  if (!element) {
    // No mark (VIR_ERR_NO_DOMAIN_METADATA), or the domain went away: either
    // way the collector leaves it. Only a lost connection is an error.
    connection.ThrowIfLost(
        link, fmt::format("reading the ownership mark of domain {}", virDomainGetName(dom)));
    return "";
  }
  std::optional<std::string> run_id = RunIdOfMarkElement(element);
  free(element);
  return run_id.value_or("");
}

/// The run id in the ownership mark of `net`; empty when it has none.
std::string NetworkMark(LibvirtConnection& connection, const LibvirtLink& link, virNetworkPtr net) {
  // libvirt 9.0 has no virNetworkGetMetadata: the mark is read from the
  // network's description.
  char* xml = virNetworkGetXMLDesc(net, 0);
  if (!xml) {
    connection.ThrowIfLost(
        link, fmt::format("reading the ownership mark of network {}", virNetworkGetName(net)));
    return "";
  }
  std::optional<std::string> run_id = RunIdOfMarkIn(xml);
  free(xml);
  return run_id.value_or("");
}

}  // namespace

std::vector<HypervisorResource> LibvirtHypervisor::ListResources(std::string_view prefix) {
  using Kind = HypervisorResource::Kind;
  return connection_.Retrying([&](LibvirtLink& link) {
    std::vector<HypervisorResource> out;
    virDomainPtr* domains = nullptr;
    int n = virConnectListAllDomains(link.conn, &domains, 0);
    if (n < 0) connection_.Fail(link, "listing domains");
    CollectByPrefix(
        Kind::kDomain, domains, n, prefix, virDomainGetName,
        [&](virDomainPtr d) { return DomainMark(connection_, link, d); }, virDomainFree, out);
    virStoragePoolRefresh(link.pool, 0);
    virStorageVolPtr* volumes = nullptr;
    n = virStoragePoolListAllVolumes(link.pool, &volumes, 0);
    if (n < 0) connection_.Fail(link, "listing volumes");
    CollectByPrefix(
        Kind::kVolume, volumes, n, prefix, virStorageVolGetName,
        [](virStorageVolPtr) { return std::string(); }, virStorageVolFree, out);
    virNetworkPtr* networks = nullptr;
    n = virConnectListAllNetworks(link.conn, &networks, 0);
    if (n < 0) connection_.Fail(link, "listing networks");
    CollectByPrefix(
        Kind::kNetwork, networks, n, prefix, virNetworkGetName,
        [&](virNetworkPtr net) { return NetworkMark(connection_, link, net); }, virNetworkFree,
        out);
    return out;
  });
}

void LibvirtHypervisor::RemoveResource(const HypervisorResource& resource) {
  switch (resource.kind) {
    case HypervisorResource::Kind::kVolume:
      return DeleteVolume(resource.name);
    case HypervisorResource::Kind::kNetwork:
      return DestroyNetwork(resource.name);
    case HypervisorResource::Kind::kDomain:
      return DestroyDomainNamed(resource.name);
  }
}

std::unique_ptr<RunningDomain> LibvirtHypervisor::StartDomain(const DomainSpec& spec,
                                                              DomainEvents* events) {
  const std::string& name = spec.name;
  std::string xml = DomainXml(spec);
  DestroyDomainNamed(name);
  std::shared_ptr<LibvirtLink> link = connection_.Live();
  // Watch before creating: the domain may stop before virDomainCreateXML returns.
  Watch(name, events);
  virDomainPtr dom = virDomainCreateXML(link->conn, xml.c_str(), 0);
  if (!dom) {
    Unwatch(name);
    connection_.Fail(*link, "starting domain " + name);
  }
  auto domain = std::make_unique<LibvirtDomain>(this, std::move(link), spec, dom);
  domain->Attach(events);  // on throw, the destructor destroys the domain
  return domain;
}

}  // namespace bootstorm

namespace bootstorm {

HostCapacity LibvirtHypervisor::Capacity() {
  return connection_.Retrying([&](LibvirtLink& link) {
    virNodeInfo node{};
    if (virNodeGetInfo(link.conn, &node) < 0)
      connection_.Fail(link, "reading the node information");
    int count = 0;
    if (virNodeGetMemoryStats(link.conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, nullptr, &count, 0) < 0)
      connection_.Fail(link, "reading the memory statistics");
    std::vector<virNodeMemoryStats> stats(count);
    if (virNodeGetMemoryStats(link.conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats.data(), &count, 0) <
        0)
      connection_.Fail(link, "reading the memory statistics");
    // Like MemAvailable: buffers and page cache are reclaimable, unlike free pages alone.
    unsigned long long available_kib = 0;
    for (int i = 0; i < count; ++i) {
      std::string_view field = stats[i].field;
      if (field == VIR_NODE_MEMORY_STATS_FREE || field == VIR_NODE_MEMORY_STATS_BUFFERS ||
          field == VIR_NODE_MEMORY_STATS_CACHED)
        available_kib += stats[i].value;
    }
    return HostCapacity{static_cast<long>(node.cpus), static_cast<long long>(available_kib / 1024)};
  });
}

}  // namespace bootstorm
