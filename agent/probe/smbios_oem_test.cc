#include "smbios_oem.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

using namespace std::string_literals;

// A BIOS information structure (type 0) with two strings, two OEM strings
// structures, and the end of table, as QEMU lays them out.
const std::string kTable = "\x00\x06\x00\x00\x01\x02"s + "SeaBIOS\0rel-1.16\0\0"s +       //
                           "\x0b\x05\x01\x00\x02"s + "first\0bootstorm.plan=eyJ9\0\0"s +  //
                           "\x0b\x05\x02\x00\x01"s + "third\0\0"s +                       //
                           "\x7f\x04\x03\x00"s + "\0\0"s;

TEST(SmbiosOemStrings, CollectsEveryType11StringInOrder) {
  EXPECT_EQ(SmbiosOemStrings(kTable),
            (std::vector<std::string>{"first", "bootstorm.plan=eyJ9", "third"}));
}

TEST(SmbiosOemStrings, IgnoresStructuresAfterTheEndOfTable) {
  std::string table = kTable + "\x0b\x05\x04\x00\x01"s + "late\0\0"s;
  EXPECT_EQ(SmbiosOemStrings(table).size(), 3u);
}

TEST(SmbiosOemStrings, ATruncatedTableYieldsWhatCameBefore) {
  // Cut inside the second OEM structure's strings: only the first one's.
  std::string cut = kTable.substr(0, kTable.find("third") + 3);
  EXPECT_EQ(SmbiosOemStrings(cut), (std::vector<std::string>{"first", "bootstorm.plan=eyJ9"}));
  EXPECT_TRUE(SmbiosOemStrings("").empty());
  EXPECT_TRUE(SmbiosOemStrings("\x0b\x02\x00\x00"s).empty()) << "a length below the header";
  EXPECT_TRUE(SmbiosOemStrings("\x0b\x40\x00\x00"s).empty()) << "a length past the end";
}

TEST(SmbiosOemStrings, AStructureWithoutStrings) {
  std::string table =
      "\x20\x0b\x05\x00\0\0\0\0\0\0\0"s + "\0\0"s + "\x0b\x05\x06\x00\x01"s + "only\0\0"s;
  EXPECT_EQ(SmbiosOemStrings(table), (std::vector<std::string>{"only"}));
}

}  // namespace
}  // namespace bootstorm
