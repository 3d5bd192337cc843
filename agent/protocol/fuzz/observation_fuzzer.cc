// Fuzzes ParseObservation, which reads lines the untrusted guest sends. The
// input is a chunk of the probe channel: each line is parsed on its own, as
// the host does. Property: CheckLineRoundTrip (fuzz_expect.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_expect.h"
#include "observation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bootstorm::ForEachFuzzLine(bootstorm::FuzzInputText(data, size), [](std::string_view line) {
    bootstorm::CheckLineRoundTrip(line, bootstorm::ParseObservation,
                                  bootstorm::SerializeObservation);
  });
  return 0;
}
