#include "nm_bus.h"

#include <fmt/format.h>
#include <systemd/sd-bus.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace bootstorm {
namespace {

constexpr const char* kNmService = "org.freedesktop.NetworkManager";
constexpr const char* kNmPath = "/org/freedesktop/NetworkManager";
/// NM_ACTIVATION_STATE_FLAG_EXTERNAL (nm-dbus-interface.h).
constexpr std::uint32_t kActivationExternal = 0x80;
/// NM_DEVICE_STATE_ACTIVATED.
constexpr std::uint32_t kDeviceActivated = 100;
/// NMDeviceState values (nm-dbus-interface.h) and nmcli's words for them
/// (nmc_device_state_to_string).
constexpr std::pair<std::uint32_t, std::string_view> kDeviceStates[] = {
    {10, "unmanaged"},
    {20, "unavailable"},
    {30, "disconnected"},
    {40, "connecting (prepare)"},
    {50, "connecting (configuring)"},
    {60, "connecting (need authentication)"},
    {70, "connecting (getting IP configuration)"},
    {80, "connecting (checking IP connectivity)"},
    {90, "connecting (starting secondary connections)"},
    {kDeviceActivated, "connected"},
    {110, "deactivating"},
    {120, "connection failed"},
};
/// How often to look for NM's objects while it starts.
constexpr std::chrono::milliseconds kManagerPollInterval{100};
/// Bounds what an NM with thousands of devices could make the probe do.
constexpr std::size_t kMaxDevices = 64;

struct BusDeleter {
  void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};
struct MessageDeleter {
  void operator()(sd_bus_message* m) const { sd_bus_message_unref(m); }
};
using Bus = std::unique_ptr<sd_bus, BusDeleter>;
using Message = std::unique_ptr<sd_bus_message, MessageDeleter>;

/// One property Get on NM's service; the reply positioned inside the variant
/// of `signature`, or nullptr (logged) on failure.
class NmProperties {
 public:
  NmProperties(sd_bus* bus, std::chrono::milliseconds timeout, const AgentLog& log)
      : bus_(bus), timeout_us_(static_cast<std::uint64_t>(timeout.count()) * 1000), log_(log) {}

  /// With `object_missing`, a "no such object" error is not logged but said
  /// there (the caller waits it out).
  Message Get(const std::string& path, const char* interface, const char* property,
              const char* signature, bool* object_missing = nullptr) const {
    sd_bus_message* raw = nullptr;
    int r = sd_bus_message_new_method_call(bus_, &raw, kNmService, path.c_str(),
                                           "org.freedesktop.DBus.Properties", "Get");
    Message call(raw);
    // Without this, asking a stopped NM would make dbus start it.
    if (r >= 0) r = sd_bus_message_set_auto_start(call.get(), 0);
    if (r >= 0) r = sd_bus_message_append(call.get(), "ss", interface, property);
    sd_bus_error error = SD_BUS_ERROR_NULL;
    sd_bus_message* reply_raw = nullptr;
    if (r >= 0) r = sd_bus_call(bus_, call.get(), timeout_us_, &error, &reply_raw);
    Message reply(reply_raw);
    if (r >= 0) r = sd_bus_message_enter_container(reply.get(), 'v', signature);
    // GLib's D-Bus (which NM uses) answers UnknownMethod for a path with no
    // object; newer GLib says UnknownObject.
    bool missing = r < 0 && (sd_bus_error_has_name(&error, SD_BUS_ERROR_UNKNOWN_OBJECT) ||
                             sd_bus_error_has_name(&error, SD_BUS_ERROR_UNKNOWN_METHOD));
    if (object_missing) *object_missing = missing;
    if (r < 0 && !(object_missing && missing))
      log_.Write(fmt::format("D-Bus {} {}.{}: {}{}", path, interface, property,
                             error.name ? std::string(error.name) + ": " : "",
                             error.message ? error.message : std::strerror(-r)));
    sd_bus_error_free(&error);
    return r < 0 ? nullptr : std::move(reply);
  }

  std::optional<std::string> String(const std::string& path, const char* interface,
                                    const char* property, const char* signature = "s") const {
    Message reply = Get(path, interface, property, signature);
    const char* value = nullptr;
    if (!reply || sd_bus_message_read_basic(reply.get(), signature[0], &value) < 0 || !value)
      return std::nullopt;
    return std::string(value);
  }

  std::optional<std::uint32_t> Uint32(const std::string& path, const char* interface,
                                      const char* property) const {
    Message reply = Get(path, interface, property, "u");
    std::uint32_t value = 0;
    if (!reply || sd_bus_message_read_basic(reply.get(), 'u', &value) < 0) return std::nullopt;
    return value;
  }

  std::vector<std::string> ObjectPaths(const std::string& path, const char* interface,
                                       const char* property) const {
    std::vector<std::string> paths;
    Message reply = Get(path, interface, property, "ao");
    if (!reply || sd_bus_message_enter_container(reply.get(), 'a', "o") < 0) return paths;
    const char* item = nullptr;
    while (paths.size() < kMaxDevices && sd_bus_message_read_basic(reply.get(), 'o', &item) > 0)
      paths.emplace_back(item);
    return paths;
  }

 private:
  sd_bus* bus_;
  std::uint64_t timeout_us_;
  const AgentLog& log_;
};

// Whether the device's active connection was set up outside NM.
bool ActivatedExternally(const NmProperties& nm, const std::string& device) {
  std::optional<std::string> active =
      nm.String(device, "org.freedesktop.NetworkManager.Device", "ActiveConnection", "o");
  if (!active || *active == "/") return false;
  std::optional<std::uint32_t> flags =
      nm.Uint32(*active, "org.freedesktop.NetworkManager.Connection.Active", "StateFlags");
  return flags && (*flags & kActivationExternal) != 0;
}

// NetworkManager takes its bus name, which is when systemd calls it active,
// before it exports its objects: a probe right after its start found no
// manager object. Waits for it as nmcli does, until `deadline`.
bool WaitForManagerObject(const NmProperties& nm, std::chrono::steady_clock::time_point deadline,
                          const AgentLog& log) {
  auto started = std::chrono::steady_clock::now();
  for (;;) {
    bool last_try = std::chrono::steady_clock::now() >= deadline;
    bool missing = false;
    if (nm.Get(kNmPath, "org.freedesktop.NetworkManager", "Version", "s",
               last_try ? nullptr : &missing)) {
      auto waited = std::chrono::steady_clock::now() - started;
      if (waited > kManagerPollInterval)
        log.Write(
            fmt::format("NetworkManager exported its objects {} ms after the probe asked",
                        std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()));
      return true;
    }
    if (last_try || !missing) return false;
    std::this_thread::sleep_for(kManagerPollInterval);
  }
}

}  // namespace

std::string NmDeviceStateWords(std::uint32_t state, bool external) {
  if (state == kDeviceActivated && external) return "connected (externally)";
  for (const auto& [value, words] : kDeviceStates) {
    if (value == state) return std::string(words);
  }
  return "unknown";
}

NmBusState QueryNmOverBus(std::chrono::milliseconds timeout, const AgentLog& log) {
  NmBusState state;
  sd_bus* raw = nullptr;
  int r = sd_bus_open_system(&raw);
  Bus bus(raw);
  if (r < 0) {
    log.Write(fmt::format("cannot connect to the system bus: {}", std::strerror(-r)));
    return state;
  }
  NmProperties nm(bus.get(), timeout, log);
  if (!WaitForManagerObject(nm, std::chrono::steady_clock::now() + timeout, log)) return state;
  state.dns_mode = nm.String(std::string(kNmPath) + "/DnsManager",
                             "org.freedesktop.NetworkManager.DnsManager", "Mode")
                       .value_or("");
  for (const std::string& device :
       nm.ObjectPaths(kNmPath, "org.freedesktop.NetworkManager", "Devices")) {
    std::optional<std::string> name =
        nm.String(device, "org.freedesktop.NetworkManager.Device", "Interface");
    std::optional<std::uint32_t> device_state =
        nm.Uint32(device, "org.freedesktop.NetworkManager.Device", "State");
    if (!name || !device_state) continue;
    bool external = *device_state == kDeviceActivated && ActivatedExternally(nm, device);
    state.device_states[*name] = NmDeviceStateWords(*device_state, external);
  }
  return state;
}

}  // namespace bootstorm
