// bootstorm-observer: records the boot's event history (history.h) and
// streams it to the host, one JSON line per event, over the virtio-serial
// port kHistoryChannelName. Started by bootstorm-observer.service before
// sysinit.target; READY=1 once the resolv.conf watch is armed and PID 1
// sends its job and unit signals, the other watches right after.
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "event_sink.h"
#include "netlink_watch.h"
#include "nm_watch.h"
#include "port_output.h"
#include "resolv_conf_watch.h"
#include "systemd_watch.h"

namespace bootstorm {
namespace {

/// How long the virtio port may take to appear (virtio_console is in the initrd).
constexpr std::chrono::seconds kPortWait{10};
/// What shutdown may spend flushing: systemd's stop timeout is far longer.
constexpr std::chrono::milliseconds kDrainBudget{500};

struct Options {
  std::string resolv_conf = "/etc/resolv.conf";
  std::string output;
  bool systemd = true;
  bool nm = true;
  bool netlink = true;
};

int Run(const Options& options) {
  sd_event* loop = nullptr;
  if (int r = sd_event_default(&loop); r < 0) {
    std::fprintf(stderr, "bootstorm-observer: sd_event_default: %s\n", std::strerror(-r));
    return 1;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a write error is an errno, never the observer's end
  // A null handler exits the loop.
  sd_event_add_signal(loop, nullptr, SIGTERM, nullptr, nullptr);
  sd_event_add_signal(loop, nullptr, SIGINT, nullptr, nullptr);

  EventSink sink;
  {
    // systemd waits for READY=1 before it starts what is ordered after the
    // observer (sysinit.target and all that follows): only what must not
    // miss an early event comes before it, the rest after (docs/PERFORMANCE.md).
    PortOutput output(loop, sink);
    ResolvConfWatch resolv_conf(loop, sink, options.resolv_conf);
    try {
      resolv_conf.Arm();
    } catch (const std::exception& e) {
      SubmitObserverError(sink, std::string("resolv-conf: ") + e.what());
    }
    NmWatch nm(loop, sink);
    auto connect_nm = [&] {
      if (std::string error; !nm.Connect(error))
        SubmitObserverError(sink, "networkmanager: " + error);
    };
    SystemdWatch systemd(loop, sink);
    bool systemd_armed = false;
    if (options.systemd) {
      if (options.nm) systemd.set_on_system_bus_active(connect_nm);
      try {
        systemd.Arm();
        systemd_armed = true;
      } catch (const std::exception& e) {
        SubmitObserverError(sink, std::string("systemd: ") + e.what());
      }
    }
    sd_notify(0, "READY=1");

    // The events so far wait in the sink; nothing ordered after the observer
    // changes a link before NetworkManager, and the dump reports them as they are.
    if (options.output.empty())
      output.OpenPort(kHistoryChannelName, kPortWait);
    else
      output.OpenFile(options.output);
    NetlinkWatch netlink(loop, sink);
    if (options.netlink) {
      try {
        netlink.Arm();
      } catch (const std::exception& e) {
        SubmitObserverError(sink, std::string("netlink: ") + e.what());
      }
    }
    // Without systemd's word on dbus.service, one attempt now.
    if (options.nm && !systemd_armed) connect_nm();

    HistoryEvent started;
    started.kind = kHistoryObserver;
    started.op = "started";
    sink.Submit(std::move(started));

    int r = sd_event_loop(loop);
    if (r < 0) std::fprintf(stderr, "bootstorm-observer: event loop: %s\n", std::strerror(-r));
    sd_notify(0, "STOPPING=1");
    output.Drain(kDrainBudget);
  }
  sd_event_unref(loop);
  return 0;
}

}  // namespace
}  // namespace bootstorm

int main(int argc, char** argv) {
  bootstorm::Options options;
  CLI::App app{"bootstorm-observer: streams the guest's event history to the host"};
  app.add_option("--resolv-conf", options.resolv_conf, "The file to watch (tests)");
  app.add_option("--output", options.output, "Append the lines to this file, not the port (tests)");
  bool no_systemd = false, no_nm = false, no_netlink = false;
  app.add_flag("--no-systemd", no_systemd, "Do not watch systemd's jobs and units");
  app.add_flag("--no-nm", no_nm, "Do not watch NetworkManager");
  app.add_flag("--no-netlink", no_netlink, "Do not watch links and addresses");
  CLI11_PARSE(app, argc, argv);
  options.systemd = !no_systemd;
  options.nm = !no_nm;
  options.netlink = !no_netlink;
  try {
    return bootstorm::Run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bootstorm-observer: %s\n", e.what());
    return 1;
  }
}
