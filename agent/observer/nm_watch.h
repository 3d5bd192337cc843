// NetworkManager over the system bus: DnsManager's mode and configuration
// (`nm-dns`), device state changes (`nm-device`) and active connections
// coming and going (`nm-connection`). It connects once dbus.service is
// active; NetworkManager need not run yet: the matches are on paths and
// interfaces, so its signals arrive from whenever it starts.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "event_sink.h"

namespace bootstorm {

/// NetworkManager's name of an NMDeviceState (nm_device_state_to_string),
/// e.g. 100 -> "activated"; "unknown" for values it does not define.
std::string NmDeviceStateName(std::uint32_t state);

class NmWatch {
 public:
  /// `loop` and `sink` must outlive this.
  NmWatch(sd_event* loop, EventSink& sink) : loop_(loop), sink_(sink) {}
  ~NmWatch();
  NmWatch(const NmWatch&) = delete;
  NmWatch& operator=(const NmWatch&) = delete;

  /// Connects to the system bus and matches NM's signals, unless connected
  /// already. Returns false, with `error` set, when the bus refuses.
  bool Connect(std::string& error);

 private:
  struct Query;
  /// Asks NM for its DNS state and active connections (the answers are events).
  void QueryState();
  void EmitDns();
  static int OnMode(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnNameOwner(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnDisconnected(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnDnsChanged(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnManagerChanged(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnDeviceState(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnInterface(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int OnConnectionId(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int OnInitialDns(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnInitialConnections(sd_bus_message* m, void* self, sd_bus_error* error);
  /// Reads an "a{sv}" of DnsManager's properties and emits nm-dns if it named Mode or
  /// Configuration.
  void DnsProperties(sd_bus_message* m);
  /// Reads an "ao" of active connections and emits what came and went.
  void ActiveConnections(sd_bus_message* m);

  sd_event* loop_;
  EventSink& sink_;
  sd_bus* bus_ = nullptr;
  std::string dns_mode_;
  std::string dns_servers_;
  bool mode_query_pending_ = false;             ///< the next nm-dns waits for the mode
  std::map<std::string, std::string> ifnames_;  ///< device path -> Interface
  std::set<std::string> active_;                ///< active connection paths
  std::map<std::string, std::string> ids_;      ///< active connection path -> Id
};

}  // namespace bootstorm
