// Properties that fuzz targets check beyond "no crash". A broken property
// aborts, so libFuzzer reports it like a crash and saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
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

/// Calls `check` on each line of `chunk` (a chunk of a guest channel), as the
/// host splits it: at '\n', the last line possibly empty.
template <typename Check>
void ForEachFuzzLine(std::string_view chunk, Check check) {
  for (std::size_t start = 0; start <= chunk.size();) {
    std::size_t end = chunk.find('\n', start);
    if (end == std::string_view::npos) end = chunk.size();
    check(chunk.substr(start, end - start));
    start = end + 1;
  }
}

/// The round-trip property of a line parser: a line `parse` accepts (it
/// throws std::invalid_argument for the rest), serialised again, parses to an
/// equal value, and serialising that gives the same one-line text. Any other
/// exception escapes, so libFuzzer reports it as a crash.
template <typename Parse, typename Serialise>
void CheckLineRoundTrip(std::string_view line, Parse parse, Serialise serialise) {
  decltype(parse(line)) parsed;
  try {
    parsed = parse(line);
  } catch (const std::invalid_argument&) {
    return;
  }
  std::string text = serialise(parsed);
  FuzzExpect(text.find('\n') == std::string::npos, "a serialised line is one line");
  auto again = parse(text);
  FuzzExpect(again == parsed, "parse(serialise(x)) == x");
  FuzzExpect(serialise(again) == text, "serialise is stable over a round trip");
}

}  // namespace bootstorm
