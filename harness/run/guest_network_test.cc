#include "guest_network.h"

#include <gtest/gtest.h>

#include "unused_hypervisor.h"

namespace bootstorm {
namespace {

/// Creates networks, or refuses them with `refusal`.
class RefusingHypervisor : public UnusedHypervisor {
 public:
  std::string refusal;
  std::vector<RunNetwork> created;
  void CreateNetwork(const RunNetwork& network) override {
    if (!refusal.empty()) throw std::runtime_error(refusal);
    created.push_back(network);
  }
};

TEST(GuestNetwork, InSlotTellsASubnetInUseFromOtherErrors) {
  RefusingHypervisor hv;
  RunNetwork net = CreateRunNetworkInSlot(hv, "0d89c574", 3, {.ipv6 = true});
  EXPECT_EQ(net.gateway, "198.18.2.1");
  EXPECT_EQ(hv.created, std::vector<RunNetwork>{MakeRunNetwork("0d89c574", 3, {.ipv6 = true})});
  hv.refusal = "network is already in use by interface virbr0";
  try {
    CreateRunNetworkInSlot(hv, "0d89c574", 3);
    FAIL() << "no error";
  } catch (const SubnetInUseError& e) {
    EXPECT_NE(std::string(e.what()).find("198.18.2.0/24"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("resume once it is gone"), std::string::npos);
  }
  hv.refusal = "daemon gone";
  try {
    CreateRunNetworkInSlot(hv, "0d89c574", 3);
    FAIL() << "no error";
  } catch (const SubnetInUseError&) {
    FAIL() << "not a clash";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("daemon gone"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace bootstorm
