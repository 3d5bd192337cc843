#include "systemd_watch.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "race_units.h"
#include "units.h"

namespace bootstorm {
namespace {

constexpr const char* kService = "org.freedesktop.systemd1";
constexpr const char* kManagerPath = "/org/freedesktop/systemd1";
constexpr const char* kManager = "org.freedesktop.systemd1.Manager";
constexpr std::string_view kUnitPathPrefix = "/org/freedesktop/systemd1/unit/";
constexpr std::uint64_t kCallTimeoutUs = 2'000'000;

void Check(int r, const char* what) {
  if (r < 0) throw std::system_error(-r, std::generic_category(), what);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A pending JobType Get: the job's event waits for its answer.
HistoryEvent JobEvent(const char* op, std::uint32_t id, const char* unit) {
  HistoryEvent e;
  e.kind = kHistoryJob;
  e.op = op;
  e.job_id = id;
  e.unit = unit;
  return e;
}

}  // namespace

struct SystemdWatch::JobTypeQuery {
  SystemdWatch* watch;
  HistoryEvent event;
};

std::string UnitNameOfPath(std::string_view path) {
  if (!path.starts_with(kUnitPathPrefix)) return "";
  std::string_view escaped = path.substr(kUnitPathPrefix.size());
  std::string name;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] != '_') {
      if (escaped[i] == '/') return "";
      name += escaped[i];
      continue;
    }
    if (i + 2 >= escaped.size()) return "";
    int high = HexDigit(escaped[i + 1]);
    int low = HexDigit(escaped[i + 2]);
    if (high < 0 || low < 0) return "";
    name += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return name;
}

SystemdWatch::SystemdWatch(sd_event* loop, EventSink& sink, std::string address)
    : loop_(loop), sink_(sink), address_(std::move(address)) {}

SystemdWatch::~SystemdWatch() { sd_bus_flush_close_unref(bus_); }

void SystemdWatch::Arm() {
  Check(sd_bus_new(&bus_), "sd_bus_new");
  Check(sd_bus_set_address(bus_, address_.c_str()), "sd_bus_set_address");
  Check(sd_bus_set_method_call_timeout(bus_, kCallTimeoutUs), "sd_bus_set_method_call_timeout");
  Check(sd_bus_start(bus_), ("connecting to " + address_).c_str());
  Check(sd_bus_attach_event(bus_, loop_, SD_EVENT_PRIORITY_NORMAL), "sd_bus_attach_event");
  Check(
      sd_bus_match_signal(bus_, nullptr, nullptr, kManagerPath, kManager, "JobNew", OnJobNew, this),
      "matching JobNew");
  Check(sd_bus_match_signal(bus_, nullptr, nullptr, kManagerPath, kManager, "JobRemoved",
                            OnJobRemoved, this),
        "matching JobRemoved");
  Check(sd_bus_add_match(bus_, nullptr,
                         "type='signal',interface='org.freedesktop.DBus.Properties',"
                         "member='PropertiesChanged',"
                         "path_namespace='/org/freedesktop/systemd1/unit',"
                         "arg0='org.freedesktop.systemd1.Unit'",
                         OnPropertiesChanged, this),
        "matching PropertiesChanged");
  // On the private bus PID 1 sends every signal to every connection,
  // Subscribe or not (systemd's bus_foreach_bus): the call is for its reply,
  // which says PID 1 serves this connection, so no signal after it is lost.
  sd_bus_error error = SD_BUS_ERROR_NULL;
  sd_bus_message* reply = nullptr;
  int r =
      sd_bus_call_method(bus_, kService, kManagerPath, kManager, "Subscribe", &error, &reply, "");
  sd_bus_error_free(&error);
  sd_bus_message_unref(reply);
  Check(r, "Subscribe");
  // The answers come once the loop runs: the observer is ready without them.
  Check(sd_bus_call_method_async(bus_, nullptr, kService, kManagerPath, kManager, "ListJobs",
                                 OnQueuedJobs, this, ""),
        "ListJobs");
  std::string bus_unit_path = std::string(kUnitPathPrefix) + "dbus_2eservice";
  sd_bus_call_method_async(bus_, nullptr, kService, bus_unit_path.c_str(),
                           "org.freedesktop.DBus.Properties", "Get", OnBusUnitState, this, "ss",
                           "org.freedesktop.systemd1.Unit", "ActiveState");
}

int SystemdWatch::OnQueuedJobs(sd_bus_message* reply, void* self, sd_bus_error*) {
  auto* watch = static_cast<SystemdWatch*>(self);
  if (const sd_bus_error* e = sd_bus_message_get_error(reply)) {
    SubmitObserverError(watch->sink_,
                        std::string("systemd: ListJobs: ") + (e->message ? e->message : e->name));
    return 0;
  }
  int r = sd_bus_message_enter_container(reply, SD_BUS_TYPE_ARRAY, "(usssoo)");
  for (;;) {
    std::uint32_t id = 0;
    const char *unit = nullptr, *type = nullptr, *state = nullptr, *job = nullptr,
               *unit_path = nullptr;
    if (r < 0 || (r = sd_bus_message_read(reply, "(usssoo)", &id, &unit, &type, &state, &job,
                                          &unit_path)) <= 0)
      break;
    if (!IsUnitOfTheRace(unit)) continue;
    watch->job_types_[id] = type;
    HistoryEvent e = JobEvent("queued", id, unit);
    e.job_type = type;
    watch->sink_.Submit(std::move(e));
  }
  if (r < 0)
    SubmitObserverError(watch->sink_,
                        std::string("systemd: reading ListJobs: ") + std::strerror(-r));
  return 0;
}

int SystemdWatch::OnDisconnected(sd_bus_message*, void* self, sd_bus_error*) {
  SubmitObserverError(static_cast<SystemdWatch*>(self)->sink_,
                      "systemd: PID 1's bus disconnected; no more job and unit events");
  return 0;
}

int SystemdWatch::OnJobNew(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<SystemdWatch*>(self);
  std::uint32_t id = 0;
  const char *job = nullptr, *unit = nullptr;
  if (sd_bus_message_read(m, "uos", &id, &job, &unit) < 0 || !IsUnitOfTheRace(unit)) return 0;
  auto* query = new JobTypeQuery{watch, JobEvent("new", id, unit)};
  int r = sd_bus_call_method_async(watch->bus_, nullptr, kService, job,
                                   "org.freedesktop.DBus.Properties", "Get", OnJobType, query, "ss",
                                   "org.freedesktop.systemd1.Job", "JobType");
  if (r < 0) {
    watch->sink_.Submit(std::move(query->event));
    delete query;
  }
  return 0;
}

int SystemdWatch::OnJobType(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* query = static_cast<JobTypeQuery*>(userdata);
  const char* type = nullptr;
  // An error reply: the job is already gone; its type stays "".
  if (!sd_bus_message_is_method_error(m, nullptr) && sd_bus_message_read(m, "v", "s", &type) >= 0 &&
      type != nullptr) {
    query->event.job_type = type;
    query->watch->job_types_[query->event.job_id] = type;
  }
  query->watch->sink_.Submit(std::move(query->event));
  delete query;
  return 0;
}

int SystemdWatch::OnJobRemoved(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<SystemdWatch*>(self);
  std::uint32_t id = 0;
  const char *job = nullptr, *unit = nullptr, *result = nullptr;
  if (sd_bus_message_read(m, "uoss", &id, &job, &unit, &result) < 0 || !IsUnitOfTheRace(unit))
    return 0;
  HistoryEvent e = JobEvent("removed", id, unit);
  e.result = result;
  if (auto it = watch->job_types_.find(id); it != watch->job_types_.end()) {
    e.job_type = it->second;
    watch->job_types_.erase(it);
  }
  watch->sink_.Submit(std::move(e));
  return 0;
}

int SystemdWatch::OnPropertiesChanged(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<SystemdWatch*>(self);
  std::string unit = UnitNameOfPath(sd_bus_message_get_path(m) ? sd_bus_message_get_path(m) : "");
  if (!IsUnitOfTheRace(unit)) return 0;
  const char* interface = nullptr;
  if (sd_bus_message_read(m, "s", &interface) < 0) return 0;
  if (sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}") < 0) return 0;
  std::string active, sub;
  while (sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
    const char* key = nullptr;
    if (sd_bus_message_read(m, "s", &key) < 0) return 0;
    const char* value = nullptr;
    if (std::strcmp(key, "ActiveState") == 0 || std::strcmp(key, "SubState") == 0) {
      if (sd_bus_message_read(m, "v", "s", &value) < 0) return 0;
      (std::strcmp(key, "ActiveState") == 0 ? active : sub) = value;
    } else if (sd_bus_message_skip(m, "v") < 0) {
      return 0;
    }
    if (sd_bus_message_exit_container(m) < 0) return 0;
  }
  if (active.empty() && sub.empty()) return 0;
  watch->UnitState(unit, std::move(active), std::move(sub));
  return 0;
}

void SystemdWatch::UnitState(const std::string& unit, std::string active, std::string sub) {
  auto& last = states_[unit];
  if (active.empty()) active = last.first;
  if (sub.empty()) sub = last.second;
  if (last == std::make_pair(active, sub)) return;
  last = {active, sub};
  HistoryEvent e;
  e.kind = kHistoryUnit;
  e.unit = unit;
  e.active_state = active;
  e.sub_state = sub;
  sink_.Submit(std::move(e));
  if (unit == kUnitDbus && active == "active" && on_bus_active_) on_bus_active_();
}

int SystemdWatch::OnBusUnitState(sd_bus_message* m, void* self, sd_bus_error*) {
  auto* watch = static_cast<SystemdWatch*>(self);
  const char* state = nullptr;
  if (sd_bus_message_is_method_error(m, nullptr) || sd_bus_message_read(m, "v", "s", &state) < 0)
    return 0;
  if (std::strcmp(state, "active") == 0 && watch->on_bus_active_) watch->on_bus_active_();
  return 0;
}

}  // namespace bootstorm
