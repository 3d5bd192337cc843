#include "run_dir_path.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(StaysInside, OnlyNamesBelowTheRunFolder) {
  EXPECT_TRUE(StaysInside("vm-000/boot-1.console.log"));
  EXPECT_TRUE(StaysInside("a..b/c"));
  EXPECT_FALSE(StaysInside(""));
  EXPECT_FALSE(StaysInside("/etc/passwd"));
  EXPECT_FALSE(StaysInside("../outside"));
  EXPECT_FALSE(StaysInside("vm-000/../../outside"));
}

}  // namespace
}  // namespace bootstorm
