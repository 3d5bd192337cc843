#include "connect_option.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bootstorm {
namespace {

TEST(ParseConnectOption, UriAloneHasWeightOne) {
  EXPECT_EQ(ParseConnectOption("qemu:///system"), (HostSpec{"qemu:///system", 1}));
}

TEST(ParseConnectOption, SplitsTheWeightAtTheLastComma) {
  EXPECT_EQ(ParseConnectOption("qemu+ssh://h/system,3"), (HostSpec{"qemu+ssh://h/system", 3}));
  EXPECT_EQ(ParseConnectOption("qemu:///system,1000"), (HostSpec{"qemu:///system", 1000}));
  // A URI with a comma of its own is given with its weight.
  EXPECT_EQ(ParseConnectOption("test:///a,b,1"), (HostSpec{"test:///a,b", 1}));
}

/// The error message of parsing `value`, or "" when it parsed.
std::string ErrorOf(const std::string& value) {
  try {
    ParseConnectOption(value);
    return "";
  } catch (const BadInput& e) {
    return e.what();
  }
}

TEST(ParseConnectOption, RefusesBadWeightsAndEmptyUris) {
  for (const char* bad :
       {"qemu:///system,abc", "qemu:///system,0", "qemu:///system,1001", "qemu:///system,",
        "qemu:///system,-1", "qemu:///system,99999999999999999999", ",2", "", "test:///a,b"}) {
    std::string error = ErrorOf(bad);
    EXPECT_TRUE(error.starts_with("--connect \"" + std::string(bad) + "\": "))
        << bad << ": " << error;
  }
  EXPECT_NE(ErrorOf("qemu:///system,0").find("not from 1 to 1000"), std::string::npos);
  EXPECT_NE(ErrorOf(",2").find("empty URI"), std::string::npos);
  for (const char* not_a_uri : {"garbage", "garbage,2", "qemu:/system", "://x", "Qemu:///system"})
    EXPECT_NE(ErrorOf(not_a_uri).find("not a libvirt URI"), std::string::npos) << not_a_uri;
}

TEST(ParseConnectOptions, FallsBackToOneHost) {
  EXPECT_EQ(ParseConnectOptions({}, "qemu:///system"),
            (std::vector<HostSpec>{{"qemu:///system", 1}}));
}

TEST(ParseConnectOptions, KeepsOrderAndRefusesAUriTwice) {
  EXPECT_EQ(ParseConnectOptions({"test:///a,2", "test:///b"}, "unused"),
            (std::vector<HostSpec>{{"test:///a", 2}, {"test:///b", 1}}));
  EXPECT_THROW(ParseConnectOptions({"test:///a,2", "test:///a,3"}, "unused"),
               std::invalid_argument);
}

}  // namespace
}  // namespace bootstorm
