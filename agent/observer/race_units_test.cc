#include "race_units.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(IsUnitOfTheRace, TheRace) {
  for (const char* unit :
       {"NetworkManager.service", "NetworkManager-wait-online.service",
        "NetworkManager-dispatcher.service", "bootstorm-local.service", "bootstorm-final.service",
        "cloud-init-local.service", "cloud-init.service", "cloud-config.service",
        "cloud-final.service", "dbus.service", "systemd-resolved.service", "network.target",
        "network-online.target", "network-pre.target"})
    EXPECT_TRUE(IsUnitOfTheRace(unit)) << unit;
}

TEST(IsUnitOfTheRace, NotTheRace) {
  for (const char* unit :
       {"", "systemd-journald.service", "dbus.socket", "NetworkManager.path", "bootstorm-.timer",
        "cloud-init.target", "cloud-config.target", "xcloud-final.service", "cloud-final.service.d",
        "networkd-dispatcher.service", "systemd-networkd.service", "network", "nss-lookup.target",
        "dbus-broker.service"})
    EXPECT_FALSE(IsUnitOfTheRace(unit)) << unit;
}

}  // namespace
}  // namespace bootstorm
