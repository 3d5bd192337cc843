#include "netlink_watch.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cstring>
#include <string>

namespace bootstorm {
namespace {

constexpr unsigned kLowerUp = 1u << 16;

/// Builds rtnetlink datagrams the way the kernel lays them out.
class Datagram {
 public:
  Datagram& Link(int type, int index, unsigned flags, const std::string& name, int operstate) {
    ifinfomsg info = {};
    info.ifi_family = AF_UNSPEC;
    info.ifi_index = index;
    info.ifi_flags = flags;
    std::string body = Pad(Bytes(&info, sizeof info));
    body += Attr(IFLA_IFNAME, std::string(name) + '\0');
    unsigned char state = static_cast<unsigned char>(operstate);
    body += Attr(IFLA_OPERSTATE, Bytes(&state, 1));
    return Message(type, body);
  }
  Datagram& Address(int type, int index, int family, const std::string& text, int prefix) {
    ifaddrmsg info = {};
    info.ifa_family = static_cast<unsigned char>(family);
    info.ifa_prefixlen = static_cast<unsigned char>(prefix);
    info.ifa_index = static_cast<unsigned>(index);
    unsigned char raw[16];
    EXPECT_EQ(inet_pton(family, text.c_str(), raw), 1);
    std::string address = Bytes(raw, family == AF_INET ? 4 : 16);
    std::string body = Pad(Bytes(&info, sizeof info));
    body += Attr(IFA_ADDRESS, address);
    if (family == AF_INET) body += Attr(IFA_LOCAL, address);
    return Message(type, body);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  static std::string Bytes(const void* p, std::size_t n) {
    return std::string(static_cast<const char*>(p), n);
  }
  static std::string Pad(std::string s) {
    s.resize(NLMSG_ALIGN(s.size()), '\0');
    return s;
  }
  static std::string Attr(int type, const std::string& payload) {
    rtattr a = {};
    a.rta_len = static_cast<unsigned short>(RTA_LENGTH(payload.size()));
    a.rta_type = static_cast<unsigned short>(type);
    return Pad(Bytes(&a, sizeof a) + payload);
  }
  Datagram& Message(int type, const std::string& body) {
    nlmsghdr h = {};
    h.nlmsg_len = static_cast<unsigned>(NLMSG_HDRLEN + body.size());
    h.nlmsg_type = static_cast<unsigned short>(type);
    bytes_ += Pad(Bytes(&h, sizeof h)) + body;
    return *this;
  }
  std::string bytes_;
};

std::vector<HistoryEvent> Parse(NetlinkTracker& t, const Datagram& d) {
  return t.Parse(d.bytes().data(), d.bytes().size());
}

TEST(NetlinkTracker, LinkEventsOnlyWhenCarrierOrOperstateChange) {
  NetlinkTracker t;
  auto first = Parse(t, Datagram().Link(RTM_NEWLINK, 2, IFF_UP, "ens3", 2));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, kHistoryLink);
  EXPECT_EQ(first[0].ifname, "ens3");
  EXPECT_FALSE(first[0].carrier);
  EXPECT_EQ(first[0].operstate, "down");
  // Same state again (e.g. a flag the history does not carry): nothing.
  EXPECT_TRUE(Parse(t, Datagram().Link(RTM_NEWLINK, 2, IFF_UP | IFF_PROMISC, "ens3", 2)).empty());
  auto up = Parse(t, Datagram()
                         .Link(RTM_NEWLINK, 2, IFF_UP | kLowerUp, "ens3", 2)
                         .Link(RTM_NEWLINK, 2, IFF_UP | kLowerUp, "ens3", 6));
  ASSERT_EQ(up.size(), 2u);
  EXPECT_TRUE(up[0].carrier);
  EXPECT_EQ(up[0].operstate, "down");
  EXPECT_TRUE(up[1].carrier);
  EXPECT_EQ(up[1].operstate, "up");
}

TEST(NetlinkTracker, LoopbackIsLeftOut) {
  NetlinkTracker t;
  EXPECT_TRUE(
      Parse(t, Datagram().Link(RTM_NEWLINK, 1, IFF_UP | IFF_LOOPBACK | kLowerUp, "lo", 0)).empty());
  EXPECT_TRUE(Parse(t, Datagram().Address(RTM_NEWADDR, 1, AF_INET, "127.0.0.1", 8)).empty());
}

TEST(NetlinkTracker, AddressesWithPrefix) {
  NetlinkTracker t;
  Parse(t, Datagram().Link(RTM_NEWLINK, 3, IFF_UP, "eth0", 6));
  auto events = Parse(t, Datagram()
                             .Address(RTM_NEWADDR, 3, AF_INET, "198.51.100.20", 24)
                             .Address(RTM_NEWADDR, 3, AF_INET6, "2001:db8::5", 64)
                             .Address(RTM_DELADDR, 3, AF_INET, "198.51.100.20", 24));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, kHistoryAddress);
  EXPECT_EQ(events[0].op, "add");
  EXPECT_EQ(events[0].ifname, "eth0");
  EXPECT_EQ(events[0].address, "198.51.100.20/24");
  EXPECT_EQ(events[1].address, "2001:db8::5/64");
  EXPECT_EQ(events[2].op, "remove");
}

// The kernel sends RTM_NEWADDR again when an address's flags or lifetimes
// change (IPv6 DAD, DHCP renewals): the history has one add.
TEST(NetlinkTracker, AnAddressIsAddedOnceUntilRemoved) {
  NetlinkTracker t;
  Parse(t, Datagram().Link(RTM_NEWLINK, 3, IFF_UP, "eth0", 6));
  auto events = Parse(t, Datagram()
                             .Address(RTM_NEWADDR, 3, AF_INET6, "fe80::1", 64)
                             .Address(RTM_NEWADDR, 3, AF_INET6, "fe80::1", 64)
                             .Address(RTM_DELADDR, 3, AF_INET6, "fe80::1", 64)
                             .Address(RTM_NEWADDR, 3, AF_INET6, "fe80::1", 64)
                             .Address(RTM_DELADDR, 3, AF_INET, "198.51.100.7", 24));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].op, "add");
  EXPECT_EQ(events[1].op, "remove");
  EXPECT_EQ(events[2].op, "add");
  EXPECT_EQ(events[3].op, "remove");  // added before the observer started
  EXPECT_EQ(events[3].address, "198.51.100.7/24");
}

TEST(NetlinkTracker, TruncatedDatagramsAreSkipped) {
  NetlinkTracker t;
  std::string bytes = Datagram().Link(RTM_NEWLINK, 2, IFF_UP, "ens3", 6).bytes();
  for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_TRUE(t.Parse(bytes.data(), n).empty()) << n;
}

TEST(OperstateName, Names) {
  EXPECT_EQ(OperstateName(6), "up");
  EXPECT_EQ(OperstateName(3), "lowerlayerdown");
  EXPECT_EQ(OperstateName(99), "unknown");
}

}  // namespace
}  // namespace bootstorm
