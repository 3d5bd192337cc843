// Properties that fuzz targets check beyond "no crash". A broken property
// aborts, so libFuzzer reports it like a crash and saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace bootstorm {

/// Aborts with `property` on stderr unless `holds`.
inline void FuzzExpect(bool holds, std::string_view property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %.*s\n", static_cast<int>(property.size()),
               property.data());
  std::abort();
}

/// The fuzzer's input as text.
inline std::string_view FuzzInputText(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace bootstorm
