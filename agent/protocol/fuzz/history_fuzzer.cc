// Fuzzes ParseHistoryEvent, which reads the lines the untrusted guest's
// observer sends. The input is a chunk of the history channel, split into
// lines as the host does. Property: CheckLineRoundTrip (fuzz_expect.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_expect.h"
#include "history.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bootstorm::ForEachFuzzLine(bootstorm::FuzzInputText(data, size), [](std::string_view line) {
    bootstorm::CheckLineRoundTrip(line, bootstorm::ParseHistoryEvent,
                                  bootstorm::SerializeHistoryEvent);
  });
  return 0;
}
