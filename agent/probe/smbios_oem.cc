#include "smbios_oem.h"

namespace bootstorm {

std::vector<std::string> SmbiosOemStrings(std::string_view table) {
  // SMBIOS 3.x, 6.1: a structure is a formatted area (type, length, handle,
  // then length-4 more bytes) followed by its strings, each NUL-terminated,
  // and one more NUL (two NULs when it has none).
  constexpr unsigned char kOemStrings = 11, kEndOfTable = 127;
  constexpr std::size_t kHeaderLength = 4;
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos + kHeaderLength <= table.size()) {
    auto type = static_cast<unsigned char>(table[pos]);
    auto length = static_cast<unsigned char>(table[pos + 1]);
    if (length < kHeaderLength || pos + length > table.size()) break;
    std::size_t strings = pos + length;
    std::size_t end = table.find(std::string_view("\0\0", 2), strings);
    if (end == std::string_view::npos) break;
    if (type == kOemStrings) {
      std::string_view set = table.substr(strings, end - strings);
      while (!set.empty()) {
        std::size_t nul = set.find('\0');
        out.emplace_back(set.substr(0, nul));
        set = nul == std::string_view::npos ? std::string_view() : set.substr(nul + 1);
      }
    }
    if (type == kEndOfTable) break;
    pos = end + 2;
  }
  return out;
}

}  // namespace bootstorm
