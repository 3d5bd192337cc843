#include "libvirt_connection.h"

#include <fmt/format.h>
#include <libvirt/virterror.h>

#include <atomic>
#include <thread>
#include <utility>

#include "hypervisor.h"
#include "reconnect_backoff.h"

namespace bootstorm {
namespace {

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

std::string CloseReason(int reason) {
  switch (reason) {
    case VIR_CONNECT_CLOSE_REASON_ERROR:
      return "I/O error";
    case VIR_CONNECT_CLOSE_REASON_EOF:
      return "end of file (the daemon went away)";
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      return "no keepalive answer from the daemon";
    case VIR_CONNECT_CLOSE_REASON_CLIENT:
      return "closed by the client";
    default:
      return fmt::format("closed (reason {})", reason);
  }
}

// On libvirt's event thread, or on the thread whose call saw the socket die.
void OnClose(virConnectPtr conn, int reason, void* opaque) {
  static_cast<LibvirtConnection*>(opaque)->MarkLost(conn, CloseReason(reason));
}

virStoragePoolPtr EnsurePool(virConnectPtr conn) {
  std::string name(kStoragePoolName);
  virStoragePoolPtr pool = virStoragePoolLookupByName(conn, name.c_str());
  if (!pool) {
    std::string xml = fmt::format(
        "<pool type='dir'><name>{}</name><target><path>{}</path>"
        "<permissions><mode>0755</mode></permissions></target></pool>",
        name, kStoragePoolPath);
    pool = virStoragePoolDefineXML(conn, xml.c_str(), 0);
    if (!pool) {
      // Another run may have defined it meanwhile.
      pool = virStoragePoolLookupByName(conn, name.c_str());
      if (!pool) ThrowLibvirt("defining storage pool " + name);
    } else {
      if (virStoragePoolBuild(pool, 0) < 0) ThrowLibvirt("building storage pool " + name);
      virStoragePoolSetAutostart(pool, 1);
    }
  }
  if (virStoragePoolIsActive(pool) != 1) {
    // Its folder may be missing though the pool is defined: a private daemon
    // (ci/libvirt-instance) starts from a copy of the host's /etc/libvirt.
    virStoragePoolBuild(pool, 0);
    if (virStoragePoolCreate(pool, 0) < 0) {
      std::string error = LastLibvirtError();
      if (virStoragePoolIsActive(pool) != 1) {  // else another run started it meanwhile
        virStoragePoolFree(pool);
        throw std::runtime_error(fmt::format("starting storage pool {}: {}", name, error));
      }
    }
  }
  return pool;
}

}  // namespace

std::string LastLibvirtError() {
  const char* message = virGetLastErrorMessage();
  return message ? message : "unknown libvirt error";
}

void ThrowLibvirt(const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", what, LastLibvirtError()));
}

LibvirtLink::~LibvirtLink() {
  if (!conn) return;
  // On a lost link these only drop client-side registrations (and their
  // references to the connection); nothing reaches a daemon.
  if (close_callback) virConnectUnregisterCloseCallback(conn, &OnClose);
  if (lifecycle_callback >= 0) virConnectDomainEventDeregisterAny(conn, lifecycle_callback);
  if (pool) virStoragePoolFree(pool);
  virConnectClose(conn);
}

LibvirtConnection::LibvirtConnection(std::string uri, Hooks hooks)
    : uri_(std::move(uri)), hooks_(std::move(hooks)) {
  EventLoop::EnsureRunning();
  link_ = Open();
}

LibvirtConnection::~LibvirtConnection() = default;

std::shared_ptr<LibvirtLink> LibvirtConnection::Open() {
  auto link = std::make_shared<LibvirtLink>();  // on throw, its destructor undoes what was done
  link->conn = virConnectOpen(uri_.c_str());
  if (!link->conn) ThrowLibvirt("cannot connect to " + uri_);
  // Keepalive lets a dead daemon or link show up as a close, not a hang.
  virConnectSetKeepAlive(link->conn, 5, 6);
  // Drivers without a daemon (qemu:///embed) have no close callback and no
  // connection to lose; a failed call still reveals a loss (ThrowIfLost).
  link->close_callback = virConnectRegisterCloseCallback(link->conn, &OnClose, this, nullptr) == 0;
  link->lifecycle_callback =
      virConnectDomainEventRegisterAny(link->conn, nullptr, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                       hooks_.lifecycle, hooks_.lifecycle_opaque, nullptr);
  if (link->lifecycle_callback < 0) ThrowLibvirt("registering lifecycle events on " + uri_);
  link->pool = EnsurePool(link->conn);
  return link;
}

std::shared_ptr<LibvirtLink> LibvirtConnection::Live() {
  {
    std::lock_guard lock(mu_);
    if (!outage_) return link_;
  }
  std::lock_guard reconnecting(reconnect_mu_);
  Outage outage;
  {
    std::lock_guard lock(mu_);
    if (!outage_) return link_;  // another thread reconnected meanwhile
    outage = *outage_;
  }
  ReconnectBackoff backoff;
  for (;;) {
    std::shared_ptr<LibvirtLink> fresh;
    try {
      fresh = Open();
    } catch (const std::runtime_error& e) {
      auto waited =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - outage.since);
      std::optional<ReconnectBackoff::Duration> delay = backoff.Next(waited);
      if (!delay) {
        throw ConnectionLostError(
            fmt::format("{}; gave up reconnecting after {:.0f} s (bound {} s): {}",
                        ConnectionLostMessage(uri_, outage.reason), waited.count() / 1000.0,
                        std::chrono::seconds(kReconnectBound).count(), e.what()));
      }
      std::this_thread::sleep_for(*delay);
      continue;
    }
    std::shared_ptr<LibvirtLink>
        old;  // released after the lock: its teardown takes libvirt's locks
    std::lock_guard lock(mu_);
    old = std::exchange(link_, fresh);
    outage_.reset();
    return fresh;
  }
}

bool LibvirtConnection::IsCurrent(const LibvirtLink& link) {
  std::lock_guard lock(mu_);
  return !outage_ && link_.get() == &link;
}

void LibvirtConnection::MarkLost(virConnectPtr conn, const std::string& reason) {
  {
    std::lock_guard lock(mu_);
    if (outage_ || !link_ || link_->conn != conn) return;
    outage_ = Outage{reason, Clock::now()};
  }
  if (hooks_.on_lost) hooks_.on_lost(reason);
}

std::string LibvirtConnection::ThrowIfLost(const LibvirtLink& link, const std::string& what) {
  std::string error = LastLibvirtError();  // read first: virConnectIsAlive resets it
  if (virConnectIsAlive(link.conn) == 1) return error;
  MarkLost(link.conn, error);
  throw ConnectionLostError(fmt::format("{}: {}", what, ConnectionLostMessage(uri_, error)));
}

void LibvirtConnection::Fail(const LibvirtLink& link, const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", what, ThrowIfLost(link, what)));
}

}  // namespace bootstorm
