// One read-write connection to a libvirt daemon that survives the daemon's
// restart: a lost connection (daemon killed, keepalive timeout, I/O error) is
// reported once and replaced by a new one on the next use.
#pragma once

#include <libvirt/libvirt.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bootstorm {

/// Name of the directory storage pool bootstorm creates when missing.
inline constexpr std::string_view kStoragePoolName = "bootstorm";
inline constexpr std::string_view kStoragePoolPath = "/var/lib/libvirt/bootstorm";

/// A libvirt call failed because the connection went away, or no new
/// connection could be made within kReconnectBound.
class ConnectionLostError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One connection and what bootstorm set up on it. Domain and stream handles
/// made through a link belong to it: once it is lost they may only be freed,
/// never handed to a newer link.
struct LibvirtLink {
  LibvirtLink() = default;
  LibvirtLink(const LibvirtLink&) = delete;
  LibvirtLink& operator=(const LibvirtLink&) = delete;
  ~LibvirtLink();

  virConnectPtr conn = nullptr;
  virStoragePoolPtr pool = nullptr;  ///< bootstorm's pool, active
  int lifecycle_callback = -1;
  bool close_callback = false;
};

/// Frees a libvirt handle (a reference count, not the object on the daemon).
template <auto Free>
struct LibvirtFree {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
template <typename T, auto Free>
using LibvirtHandle = std::unique_ptr<T, LibvirtFree<Free>>;
using DomainHandle = LibvirtHandle<virDomain, virDomainFree>;
using VolumeHandle = LibvirtHandle<virStorageVol, virStorageVolFree>;
using NetworkHandle = LibvirtHandle<virNetwork, virNetworkFree>;
using StreamHandle = LibvirtHandle<virStream, virStreamFree>;

class LibvirtConnection {
 public:
  /// Set up on every new link, called back on libvirt's event thread.
  struct Hooks {
    virConnectDomainEventGenericCallback lifecycle = nullptr;  ///< lifecycle events
    void* lifecycle_opaque = nullptr;
    /// The current link was lost; `reason` says how. Once per loss.
    std::function<void(const std::string& reason)> on_lost;
  };

  /// Starts libvirt's event loop if needed, connects, registers the hooks and
  /// makes sure the storage pool exists and is active. Throws
  /// std::runtime_error with libvirt's message on failure.
  LibvirtConnection(std::string uri, Hooks hooks);
  ~LibvirtConnection();

  const std::string& uri() const { return uri_; }

  /// The current link. After a loss, first connects anew (registering the
  /// hooks and looking the pool up again), retrying with a backoff until
  /// kReconnectBound after the loss; once that is spent, one attempt per
  /// call. Throws ConnectionLostError naming the URI and the time waited.
  /// Thread-safe; concurrent callers share one reconnect.
  std::shared_ptr<LibvirtLink> Live();

  /// True when `link` is the current link and not known to be lost.
  bool IsCurrent(const LibvirtLink& link);

  /// Records that the link over `conn` is lost and calls Hooks::on_lost,
  /// unless `conn` is an older link or the loss is already known.
  void MarkLost(virConnectPtr conn, const std::string& reason);

  /// After a libvirt call through `link` failed: throws ConnectionLostError
  /// (and marks the loss) when the connection went away; otherwise returns
  /// libvirt's message. Call before any other libvirt call, which would
  /// reset the message.
  std::string ThrowIfLost(const LibvirtLink& link, const std::string& what);

  /// Throws for a failed libvirt call through `link`: ConnectionLostError
  /// when the connection went away, else std::runtime_error.
  [[noreturn]] void Fail(const LibvirtLink& link, const std::string& what);

  /// Runs `op(link)` on the current link and, when that link is lost under
  /// it, once more on a new one. Only for operations that may run twice.
  template <typename Op>
  auto Retrying(Op op) {
    std::shared_ptr<LibvirtLink> link = Live();
    try {
      return op(*link);
    } catch (const ConnectionLostError&) {
      return op(*Live());
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Outage {
    std::string reason;
    Clock::time_point since;
  };

  std::shared_ptr<LibvirtLink> Open();

  std::string uri_;
  Hooks hooks_;
  std::mutex reconnect_mu_;  ///< one reconnect at a time; held while it waits
  std::mutex mu_;            ///< guards link_ and outage_; never held in a libvirt call
  std::shared_ptr<LibvirtLink> link_;
  std::optional<Outage> outage_;
};

/// libvirt's last error message, or "unknown libvirt error".
std::string LastLibvirtError();

/// Throws std::runtime_error "what: <libvirt's last error>".
[[noreturn]] void ThrowLibvirt(const std::string& what);

}  // namespace bootstorm
