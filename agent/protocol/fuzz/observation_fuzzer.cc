// Fuzzes ParseObservation, which reads lines the untrusted guest sends. The
// input is a chunk of the probe channel: each line is parsed on its own, as
// the host does. Property: a line that is accepted, serialised again, parses
// to an equal Observation, and serialising that gives the same text.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_expect.h"
#include "observation.h"

namespace {

void CheckLine(std::string_view line) {
  bootstorm::Observation parsed;
  try {
    parsed = bootstorm::ParseObservation(line);
  } catch (const std::invalid_argument&) {
    return;  // rejected, as documented; any other exception escapes and crashes
  }
  std::string text = bootstorm::SerializeObservation(parsed);
  bootstorm::FuzzExpect(text.find('\n') == std::string::npos,
                        "a serialised observation is one line");
  bootstorm::Observation again = bootstorm::ParseObservation(text);
  bootstorm::FuzzExpect(again == parsed, "parse(serialise(o)) == o");
  bootstorm::FuzzExpect(bootstorm::SerializeObservation(again) == text,
                        "serialise is stable over a round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view chunk = bootstorm::FuzzInputText(data, size);
  for (std::size_t start = 0; start <= chunk.size();) {
    std::size_t end = chunk.find('\n', start);
    if (end == std::string_view::npos) end = chunk.size();
    CheckLine(chunk.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
