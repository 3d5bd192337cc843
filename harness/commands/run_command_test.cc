#include "run_command.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(JobsFor, OnePerCpuUnlessMemoryIsShort) {
  EXPECT_EQ(JobsFor(2, 24 * 1024, 512), 2);
  EXPECT_EQ(JobsFor(16, 4 * 1024, 512), 5);  // 4096 / (512 + 256)
  EXPECT_EQ(JobsFor(4, 100, 512), 1);        // never zero
  EXPECT_EQ(JobsFor(0, 24 * 1024, 512), 1);
}

}  // namespace
}  // namespace bootstorm
