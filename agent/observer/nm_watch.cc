#include "nm_watch.h"

#include <cstring>
#include <utility>

namespace bootstorm {
namespace {

constexpr const char* kNmService = "org.freedesktop.NetworkManager";
constexpr const char* kNmPath = "/org/freedesktop/NetworkManager";
constexpr const char* kDnsPath = "/org/freedesktop/NetworkManager/DnsManager";
constexpr const char* kProperties = "org.freedesktop.DBus.Properties";
/// The protocol's bound on `detail` and on short strings (history.cc).
constexpr std::size_t kMaxDetailBytes = 4096;
constexpr std::size_t kMaxNameBytes = 256;

std::string Bounded(std::string s, std::size_t max) {
  if (s.size() > max) s.resize(max);
  return s;
}

/// Reads Configuration's aa{sv}: "198.51.100.1 (eth0), 198.51.100.2 (eth0)".
int ReadNameServers(sd_bus_message* m, std::string& out) {
  int r = sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "a{sv}");
  if (r < 0) return r;
  std::string servers;
  while ((r = sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}")) > 0) {
    std::string interface, entry;
    while ((r = sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv")) > 0) {
      const char* key = nullptr;
      if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
      if (std::strcmp(key, "nameservers") == 0) {
        if ((r = sd_bus_message_enter_container(m, SD_BUS_TYPE_VARIANT, "as")) < 0) return r;
        char** list = nullptr;
        if ((r = sd_bus_message_read_strv(m, &list)) < 0) return r;
        for (char** s = list; s && *s; ++s) {
          entry += (entry.empty() ? "" : " ") + std::string(*s);
          free(*s);
        }
        free(list);
        if ((r = sd_bus_message_exit_container(m)) < 0) return r;
      } else if (std::strcmp(key, "interface") == 0) {
        const char* value = nullptr;
        if ((r = sd_bus_message_read(m, "v", "s", &value)) < 0) return r;
        interface = value;
      } else if ((r = sd_bus_message_skip(m, "v")) < 0) {
        return r;
      }
      if ((r = sd_bus_message_exit_container(m)) < 0) return r;
    }
    if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0) return r;
    if (entry.empty()) continue;
    if (!servers.empty()) servers += ", ";
    servers += entry + (interface.empty() ? "" : " (" + interface + ")");
  }
  if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0) return r;
  out = servers;
  return 0;
}

}  // namespace

/// A pending property Get whose answer completes an event.
struct NmWatch::Query {
  NmWatch* watch;
  HistoryEvent event;
  std::string path;
};

std::string NmDeviceStateName(std::uint32_t state) {
  static constexpr std::pair<std::uint32_t, const char*> kNames[] = {
      {0, "unknown"},   {10, "unmanaged"},   {20, "unavailable"}, {30, "disconnected"},
      {40, "prepare"},  {50, "config"},      {60, "need-auth"},   {70, "ip-config"},
      {80, "ip-check"}, {90, "secondaries"}, {100, "activated"},  {110, "deactivating"},
      {120, "failed"}};
  for (const auto& [value, name] : kNames)
    if (value == state) return name;
  return "unknown";
}

NmWatch::~NmWatch() { sd_bus_flush_close_unref(bus_); }

bool NmWatch::Connect(std::string& error) {
  if (bus_ != nullptr && sd_bus_is_open(bus_) > 0) return true;
  // Gone with dbus.service (a restart): a new connection, a clean slate.
  bus_ = sd_bus_flush_close_unref(bus_);
  ifnames_.clear();
  int r = sd_bus_open_system(&bus_);
  if (r >= 0) r = sd_bus_attach_event(bus_, loop_, SD_EVENT_PRIORITY_NORMAL);
  if (r >= 0)
    r = sd_bus_match_signal(bus_, nullptr, nullptr, kDnsPath, kProperties, "PropertiesChanged",
                            OnDnsChanged, this);
  if (r >= 0)
    r = sd_bus_match_signal(bus_, nullptr, nullptr, kNmPath, kProperties, "PropertiesChanged",
                            OnManagerChanged, this);
  if (r >= 0)
    r = sd_bus_add_match(bus_, nullptr,
                         "type='signal',sender='org.freedesktop.DBus',"
                         "interface='org.freedesktop.DBus',member='NameOwnerChanged',"
                         "arg0='org.freedesktop.NetworkManager'",
                         OnNameOwner, this);
  if (r >= 0)
    r = sd_bus_match_signal(bus_, nullptr, nullptr, "/org/freedesktop/DBus/Local",
                            "org.freedesktop.DBus.Local", "Disconnected", OnDisconnected, this);
  if (r >= 0)
    r = sd_bus_add_match(bus_, nullptr,
                         "type='signal',interface='org.freedesktop.NetworkManager.Device',"
                         "member='StateChanged',"
                         "path_namespace='/org/freedesktop/NetworkManager/Devices'",
                         OnDeviceState, this);
  if (r < 0) {
    error = std::string("system bus: ") + std::strerror(-r);
    bus_ = sd_bus_flush_close_unref(bus_);
    return false;
  }
  QueryState();
  return true;
}

void NmWatch::QueryState() {
  // An error answer (NM not there yet) is normal: NameOwnerChanged asks again.
  sd_bus_call_method_async(bus_, nullptr, kNmService, kDnsPath, kProperties, "GetAll", OnInitialDns,
                           this, "s", "org.freedesktop.NetworkManager.DnsManager");
  sd_bus_call_method_async(bus_, nullptr, kNmService, kNmPath, kProperties, "Get",
                           OnInitialConnections, this, "ss", kNmService, "ActiveConnections");
}

int NmWatch::OnNameOwner(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<NmWatch*>(self);
  const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
  if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) < 0 || *new_owner == '\0')
    return 0;
  // A NetworkManager (re)started: its objects and state are new.
  watch->ifnames_.clear();
  watch->QueryState();
  return 0;
}

void NmWatch::DnsProperties(sd_bus_message* m) {
  if (sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}") < 0) return;
  bool changed = false;
  while (sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
    const char* key = nullptr;
    if (sd_bus_message_read(m, "s", &key) < 0) return;
    if (std::strcmp(key, "Mode") == 0) {
      const char* mode = nullptr;
      if (sd_bus_message_read(m, "v", "s", &mode) < 0) return;
      changed |= dns_mode_ != mode;
      dns_mode_ = mode;
    } else if (std::strcmp(key, "Configuration") == 0) {
      std::string servers;
      if (sd_bus_message_enter_container(m, SD_BUS_TYPE_VARIANT, "aa{sv}") < 0 ||
          ReadNameServers(m, servers) < 0 || sd_bus_message_exit_container(m) < 0)
        return;
      changed |= dns_servers_ != servers;
      dns_servers_ = servers;
    } else if (sd_bus_message_skip(m, "v") < 0) {
      return;
    }
    if (sd_bus_message_exit_container(m) < 0) return;
  }
  if (!changed || mode_query_pending_) return;
  // A signal names only what changed: learn the mode first when it is unknown.
  if (dns_mode_.empty() &&
      sd_bus_call_method_async(bus_, nullptr, kNmService, kDnsPath, kProperties, "Get", OnMode,
                               this, "ss", "org.freedesktop.NetworkManager.DnsManager",
                               "Mode") >= 0) {
    mode_query_pending_ = true;
    return;
  }
  EmitDns();
}

void NmWatch::EmitDns() {
  HistoryEvent e;
  e.kind = kHistoryNmDns;
  e.mode = Bounded(dns_mode_, kMaxNameBytes);
  e.detail = Bounded("nameservers: " + dns_servers_, kMaxDetailBytes);
  sink_.Submit(std::move(e));
}

int NmWatch::OnMode(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<NmWatch*>(self);
  watch->mode_query_pending_ = false;
  const char* mode = nullptr;
  if (!sd_bus_message_is_method_error(m, nullptr) && sd_bus_message_read(m, "v", "s", &mode) >= 0)
    watch->dns_mode_ = mode;
  watch->EmitDns();  // with the servers as they are now
  return 0;
}

int NmWatch::OnDisconnected(sd_bus_message*, void* self, sd_bus_error*) {
  SubmitObserverError(static_cast<NmWatch*>(self)->sink_,
                      "networkmanager: the system bus disconnected; next connection when "
                      "dbus.service is active again");
  return 0;
}

int NmWatch::OnDnsChanged(sd_bus_message* m, void* self, sd_bus_error*) {
  const char* interface = nullptr;
  if (sd_bus_message_read(m, "s", &interface) < 0 ||
      std::strcmp(interface, "org.freedesktop.NetworkManager.DnsManager") != 0)
    return 0;
  static_cast<NmWatch*>(self)->DnsProperties(m);
  return 0;
}

int NmWatch::OnInitialDns(sd_bus_message* m, void* self, sd_bus_error*) {
  if (!sd_bus_message_is_method_error(m, nullptr)) static_cast<NmWatch*>(self)->DnsProperties(m);
  return 0;
}

void NmWatch::ActiveConnections(sd_bus_message* m) {
  char** paths = nullptr;
  if (sd_bus_message_read_strv(m, &paths) < 0) return;
  std::set<std::string> now;
  for (char** p = paths; p && *p; ++p) {
    now.insert(*p);
    free(*p);
  }
  free(paths);
  for (const std::string& path : active_) {
    if (now.contains(path)) continue;
    HistoryEvent e;
    e.kind = kHistoryNmConnection;
    e.op = "remove";
    e.name = ids_.contains(path) ? ids_[path] : "";
    ids_.erase(path);
    sink_.Submit(std::move(e));
  }
  for (const std::string& path : now) {
    if (active_.contains(path)) continue;
    auto* query = new Query{this, {}, path};
    query->event.kind = kHistoryNmConnection;
    query->event.op = "add";
    if (sd_bus_call_method_async(bus_, nullptr, kNmService, path.c_str(), kProperties, "Get",
                                 OnConnectionId, query, "ss",
                                 "org.freedesktop.NetworkManager.Connection.Active", "Id") < 0) {
      sink_.Submit(std::move(query->event));
      delete query;
    }
  }
  active_ = std::move(now);
}

int NmWatch::OnConnectionId(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* query = static_cast<Query*>(userdata);
  const char* id = nullptr;
  // An error: the connection went already; its id stays unknown ("").
  if (!sd_bus_message_is_method_error(m, nullptr) && sd_bus_message_read(m, "v", "s", &id) >= 0) {
    query->event.name = Bounded(id, kMaxNameBytes);
    query->watch->ids_[query->path] = query->event.name;
  }
  query->watch->sink_.Submit(std::move(query->event));
  delete query;
  return 0;
}

int NmWatch::OnManagerChanged(sd_bus_message* m, void* self, sd_bus_error*) {
  const char* interface = nullptr;
  if (sd_bus_message_read(m, "s", &interface) < 0 || std::strcmp(interface, kNmService) != 0 ||
      sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}") < 0)
    return 0;
  while (sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
    const char* key = nullptr;
    if (sd_bus_message_read(m, "s", &key) < 0) return 0;
    if (std::strcmp(key, "ActiveConnections") == 0) {
      if (sd_bus_message_enter_container(m, SD_BUS_TYPE_VARIANT, "ao") < 0) return 0;
      static_cast<NmWatch*>(self)->ActiveConnections(m);
      if (sd_bus_message_exit_container(m) < 0) return 0;
    } else if (sd_bus_message_skip(m, "v") < 0) {
      return 0;
    }
    if (sd_bus_message_exit_container(m) < 0) return 0;
  }
  return 0;
}

int NmWatch::OnInitialConnections(sd_bus_message* m, void* self, sd_bus_error*) {
  if (sd_bus_message_is_method_error(m, nullptr) ||
      sd_bus_message_enter_container(m, SD_BUS_TYPE_VARIANT, "ao") < 0)
    return 0;
  static_cast<NmWatch*>(self)->ActiveConnections(m);
  return 0;
}

int NmWatch::OnDeviceState(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<NmWatch*>(self);
  std::uint32_t state = 0, old_state = 0, reason = 0;
  const char* path = sd_bus_message_get_path(m);
  if (path == nullptr || sd_bus_message_read(m, "uuu", &state, &old_state, &reason) < 0) return 0;
  HistoryEvent e;
  e.kind = kHistoryNmDevice;
  e.state = NmDeviceStateName(state);
  if (auto it = watch->ifnames_.find(path); it != watch->ifnames_.end()) {
    e.ifname = it->second;
    watch->sink_.Submit(std::move(e));
    return 0;
  }
  auto* query = new Query{watch, std::move(e), path};
  if (sd_bus_call_method_async(watch->bus_, nullptr, kNmService, path, kProperties, "Get",
                               OnInterface, query, "ss", "org.freedesktop.NetworkManager.Device",
                               "Interface") < 0) {
    watch->sink_.Submit(std::move(query->event));
    delete query;
  }
  return 0;
}

int NmWatch::OnInterface(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* query = static_cast<Query*>(userdata);
  const char* ifname = nullptr;
  if (!sd_bus_message_is_method_error(m, nullptr) &&
      sd_bus_message_read(m, "v", "s", &ifname) >= 0) {
    query->event.ifname = Bounded(ifname, kMaxNameBytes);
    query->watch->ifnames_[query->path] = query->event.ifname;
  }
  query->watch->sink_.Submit(std::move(query->event));
  delete query;
  return 0;
}

}  // namespace bootstorm
