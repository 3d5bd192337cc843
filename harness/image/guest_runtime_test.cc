#include "guest_runtime.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

// `ldd build/agent/bootstorm-observer` on Debian 12.
constexpr std::string_view kObserverLdd =
    "\tlinux-vdso.so.1 (0x00007ffd4a5f2000)\n"
    "\tlibsystemd.so.0 => /lib/x86_64-linux-gnu/libsystemd.so.0 (0x00007f1137808000)\n"
    "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1137626000)\n"
    "\t/lib64/ld-linux-x86-64.so.2 (0x00007f1137a94000)\n"
    "\tlibcap.so.2 => /lib/x86_64-linux-gnu/libcap.so.2 (0x00007f113761a000)\n";

TEST(ParseLddOutput, ListsTheLibrariesAndTheLoaderButNotTheVdso) {
  std::vector<SharedObject> objects = ParseLddOutput(kObserverLdd, "bootstorm-observer");
  ASSERT_EQ(objects.size(), 4u);
  EXPECT_EQ(objects[0], (SharedObject{"libsystemd.so.0", "/lib/x86_64-linux-gnu/libsystemd.so.0"}));
  EXPECT_EQ(objects[2],
            (SharedObject{"ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2", true}));
  EXPECT_FALSE(objects[1].is_loader);
}

TEST(ParseLddOutput, RefusesAMissingLibraryNamingIt) {
  try {
    ParseLddOutput("\tlibfoo.so.1 => not found\n", "bootstorm-agent");
    FAIL() << "no throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bootstorm-agent"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("libfoo.so.1 => not found"), std::string::npos);
  }
}

TEST(ParseLddOutput, RefusesNamesThatWouldBecomePathsAndRelativePaths) {
  EXPECT_THROW(ParseLddOutput("\t../../etc/passwd => /lib/libc.so.6 (0x1)\n", "b"),
               std::runtime_error);
  EXPECT_THROW(ParseLddOutput("\tlibc.so.6 => lib/libc.so.6 (0x1)\n", "b"), std::runtime_error);
  EXPECT_THROW(ParseLddOutput("\t.. => /lib/libc.so.6 (0x1)\n", "b"), std::runtime_error);
}

TEST(PatchelfCommand, PointsTheBinaryAtTheRuntimeWithAnRpath) {
  SharedObject loader{"ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2", true};
  EXPECT_EQ(PatchelfCommand(loader, "/s/usr/local/bin/bootstorm-agent"),
            (std::vector<std::string>{"patchelf", "--set-interpreter",
                                      "/usr/lib/bootstorm/runtime/ld-linux-x86-64.so.2",
                                      "--force-rpath", "--set-rpath", "/usr/lib/bootstorm/runtime",
                                      "/s/usr/local/bin/bootstorm-agent"}));
}

}  // namespace
}  // namespace bootstorm
