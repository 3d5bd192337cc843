// Links and addresses from rtnetlink (RTMGRP_LINK and the IPv4 and IPv6
// address groups): a `link` event when an interface's carrier (IFF_LOWER_UP)
// or operational state changes, an `address` event when an address comes or
// goes (not when the kernel only updates its flags or lifetimes). The loopback interface is left
// out.
#pragma once

#include <systemd/sd-event.h>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "event_sink.h"

namespace bootstorm {

/// The per-interface state that turns rtnetlink messages into events.
class NetlinkTracker {
 public:
  /// The events of one datagram of netlink messages (malformed ones are skipped).
  std::vector<HistoryEvent> Parse(const void* data, std::size_t size);

 private:
  struct Link {
    std::string ifname;
    bool loopback = false;
    bool carrier = false;
    std::string operstate;
    bool reported = false;
    std::set<std::string> addresses;  ///< CIDRs added, so flag and lifetime updates are no events
  };
  void OnLink(const void* msg, std::size_t size, bool removed, std::vector<HistoryEvent>& out);
  void OnAddress(const void* msg, std::size_t size, bool removed, std::vector<HistoryEvent>& out);
  std::map<int, Link> links_;  ///< by ifindex
};

/// rtnetlink's IF_OPER_* as `ip link` names them (lower case), e.g. "up".
std::string OperstateName(unsigned operstate);

class NetlinkWatch {
 public:
  NetlinkWatch(sd_event* loop, EventSink& sink) : loop_(loop), sink_(sink) {}
  ~NetlinkWatch();
  NetlinkWatch(const NetlinkWatch&) = delete;
  NetlinkWatch& operator=(const NetlinkWatch&) = delete;

  /// Subscribes, and asks for the links there already are (their state is
  /// the first `link` events). Throws std::system_error on failure.
  void Arm();

 private:
  static int OnReadable(sd_event_source* s, int fd, std::uint32_t revents, void* self);
  sd_event* loop_;
  EventSink& sink_;
  int fd_ = -1;
  sd_event_source* source_ = nullptr;
  NetlinkTracker tracker_;
};

}  // namespace bootstorm
