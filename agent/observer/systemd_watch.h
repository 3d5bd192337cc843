// systemd's jobs and unit states for the units of the race (race_units.h),
// from PID 1's private bus (there before dbus.service): JobNew and
// JobRemoved become `job` events, ActiveState and SubState changes `unit`
// events. The jobs queued before the observer connected come first, as
// `queued`.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "event_sink.h"

namespace bootstorm {

/// The unit name of a systemd unit object path, e.g.
/// /org/freedesktop/systemd1/unit/dbus_2eservice -> dbus.service; "" when
/// `path` is not one or its _XX escapes are malformed.
std::string UnitNameOfPath(std::string_view path);

class SystemdWatch {
 public:
  /// `address` is PID 1's private bus unless a test says otherwise.
  SystemdWatch(sd_event* loop, EventSink& sink,
               std::string address = "unix:path=/run/systemd/private");
  ~SystemdWatch();
  SystemdWatch(const SystemdWatch&) = delete;
  SystemdWatch& operator=(const SystemdWatch&) = delete;

  /// Called whenever dbus.service is seen becoming (or being) active.
  void set_on_system_bus_active(std::function<void()> f) { on_bus_active_ = std::move(f); }

  /// Connects and waits for PID 1's answer, after which no job or unit
  /// signal is missed; the jobs queued before come as `queued` events once
  /// the loop runs. Throws std::system_error naming the step that failed.
  void Arm();

 private:
  struct JobTypeQuery;
  static int OnDisconnected(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnJobNew(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnJobRemoved(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnPropertiesChanged(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnJobType(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int OnBusUnitState(sd_bus_message* m, void* self, sd_bus_error* error);
  static int OnQueuedJobs(sd_bus_message* reply, void* self, sd_bus_error* error);
  void UnitState(const std::string& unit, std::string active, std::string sub);

  sd_event* loop_;
  EventSink& sink_;
  std::string address_;
  sd_bus* bus_ = nullptr;
  std::function<void()> on_bus_active_;
  std::map<std::uint32_t, std::string> job_types_;                     ///< of the jobs still queued
  std::map<std::string, std::pair<std::string, std::string>> states_;  ///< last reported
};

}  // namespace bootstorm
