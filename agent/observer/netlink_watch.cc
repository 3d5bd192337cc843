#include "netlink_watch.h"

#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace bootstorm {
namespace {

/// IFF_LOWER_UP: <linux/if.h> has it, but clashes with <net/if.h>.
constexpr unsigned kLowerUp = 1u << 16;

std::string AttrString(const struct rtattr* a) {
  std::size_t size = RTA_PAYLOAD(a);
  const char* s = static_cast<const char*>(RTA_DATA(a));
  return std::string(s, strnlen(s, size));
}

}  // namespace

std::string OperstateName(unsigned operstate) {
  static constexpr const char* kNames[] = {"unknown", "notpresent", "down", "lowerlayerdown",
                                           "testing", "dormant",    "up"};
  return operstate < std::size(kNames) ? kNames[operstate] : "unknown";
}

std::vector<HistoryEvent> NetlinkTracker::Parse(const void* data, std::size_t size) {
  std::vector<HistoryEvent> out;
  // NLMSG_OK and NLMSG_NEXT, without their signed and unsigned mix.
  const char* p = static_cast<const char*>(data);
  std::size_t left = size;
  while (left >= sizeof(struct nlmsghdr)) {
    auto* h = reinterpret_cast<const struct nlmsghdr*>(p);
    if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > left) break;
    std::size_t payload = h->nlmsg_len - NLMSG_HDRLEN;
    switch (h->nlmsg_type) {
      case RTM_NEWLINK:
      case RTM_DELLINK:
        OnLink(NLMSG_DATA(h), payload, h->nlmsg_type == RTM_DELLINK, out);
        break;
      case RTM_NEWADDR:
      case RTM_DELADDR:
        OnAddress(NLMSG_DATA(h), payload, h->nlmsg_type == RTM_DELADDR, out);
        break;
      default:
        break;
    }
    std::size_t step = NLMSG_ALIGN(h->nlmsg_len);
    if (step >= left) break;
    p += step;
    left -= step;
  }
  return out;
}

void NetlinkTracker::OnLink(const void* msg, std::size_t size, bool removed,
                            std::vector<HistoryEvent>& out) {
  if (size < sizeof(struct ifinfomsg)) return;
  auto* info = static_cast<const struct ifinfomsg*>(msg);
  if (removed) {
    links_.erase(info->ifi_index);
    return;
  }
  Link& link = links_[info->ifi_index];
  link.loopback = info->ifi_flags & IFF_LOOPBACK;
  bool carrier = info->ifi_flags & kLowerUp;
  std::string operstate = link.operstate;
  int len = static_cast<int>(size - NLMSG_ALIGN(sizeof *info));
  for (auto* a = IFLA_RTA(info); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == IFLA_IFNAME) link.ifname = AttrString(a);
    if (a->rta_type == IFLA_OPERSTATE && RTA_PAYLOAD(a) >= 1)
      operstate = OperstateName(*static_cast<const unsigned char*>(RTA_DATA(a)));
  }
  if (link.loopback || link.ifname.empty()) return;
  if (link.reported && carrier == link.carrier && operstate == link.operstate) return;
  link.reported = true;
  link.carrier = carrier;
  link.operstate = operstate;
  HistoryEvent e;
  e.kind = kHistoryLink;
  e.ifname = link.ifname;
  e.carrier = carrier;
  e.operstate = operstate;
  out.push_back(std::move(e));
}

void NetlinkTracker::OnAddress(const void* msg, std::size_t size, bool removed,
                               std::vector<HistoryEvent>& out) {
  if (size < sizeof(struct ifaddrmsg)) return;
  auto* info = static_cast<const struct ifaddrmsg*>(msg);
  if (info->ifa_family != AF_INET && info->ifa_family != AF_INET6) return;
  std::size_t address_size = info->ifa_family == AF_INET ? 4 : 16;
  const void* local = nullptr;
  const void* address = nullptr;
  int len = static_cast<int>(size - NLMSG_ALIGN(sizeof *info));
  for (auto* a = IFA_RTA(info); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (RTA_PAYLOAD(a) < address_size) continue;
    if (a->rta_type == IFA_LOCAL) local = RTA_DATA(a);
    if (a->rta_type == IFA_ADDRESS) address = RTA_DATA(a);
  }
  // IFA_LOCAL is the interface's own address (IFA_ADDRESS is the peer's on
  // point-to-point links); IPv6 sends IFA_ADDRESS only.
  const void* own = local ? local : address;
  if (own == nullptr) return;
  Link& link = links_[static_cast<int>(info->ifa_index)];
  if (link.loopback) return;
  if (link.ifname.empty()) {
    char name[IF_NAMESIZE] = {};
    if (if_indextoname(info->ifa_index, name) == nullptr) return;
    link.ifname = name;
  }
  if (link.ifname == "lo") return;
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(info->ifa_family, own, text, sizeof text) == nullptr) return;
  std::string cidr = std::string(text) + "/" + std::to_string(info->ifa_prefixlen);
  if (removed) {
    // Also one the observer never saw added (it predates the observer).
    link.addresses.erase(cidr);
  } else if (!link.addresses.insert(cidr).second) {
    return;  // known: the kernel updated its flags or lifetimes
  }
  HistoryEvent e;
  e.kind = kHistoryAddress;
  e.op = removed ? "remove" : "add";
  e.ifname = link.ifname;
  e.address = cidr;
  out.push_back(std::move(e));
}

NetlinkWatch::~NetlinkWatch() {
  sd_event_source_disable_unref(source_);
  if (fd_ >= 0) close(fd_);
}

void NetlinkWatch::Arm() {
  fd_ = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "netlink socket");
  struct sockaddr_nl local = {};
  local.nl_family = AF_NETLINK;
  local.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
  if (bind(fd_, reinterpret_cast<struct sockaddr*>(&local), sizeof local) != 0)
    throw std::system_error(errno, std::generic_category(), "netlink bind");
  struct {
    struct nlmsghdr header;
    struct ifinfomsg info;
  } request = {};
  request.header.nlmsg_len = sizeof request;
  request.header.nlmsg_type = RTM_GETLINK;
  request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  request.header.nlmsg_seq = 1;
  request.info.ifi_family = AF_UNSPEC;
  if (send(fd_, &request, sizeof request, 0) < 0)
    throw std::system_error(errno, std::generic_category(), "netlink RTM_GETLINK");
  int r = sd_event_add_io(loop_, &source_, fd_, EPOLLIN, OnReadable, this);
  if (r < 0) throw std::system_error(-r, std::generic_category(), "sd_event_add_io");
}

int NetlinkWatch::OnReadable(sd_event_source*, int fd, std::uint32_t, void* self) {
  auto* watch = static_cast<NetlinkWatch*>(self);
  alignas(struct nlmsghdr) char buffer[32768];
  for (;;) {
    ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == ENOBUFS) {
      SubmitObserverError(watch->sink_,
                          "netlink: receive buffer overrun, link or address events lost");
      continue;
    }
    if (n <= 0) return 0;
    for (HistoryEvent& e : watch->tracker_.Parse(buffer, static_cast<std::size_t>(n)))
      watch->sink_.Submit(std::move(e));
  }
}

}  // namespace bootstorm
