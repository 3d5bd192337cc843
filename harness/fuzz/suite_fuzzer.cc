// Fuzzes ParseSuite, the loader of suite files. Properties: bad input fails
// only with a std::invalid_argument that names the file, and an accepted
// suite has a name and at least one scenario, none twice.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fuzz_expect.h"
#include "suite.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr char kFile[] = "fuzz.json";
  bootstorm::Suite suite;
  try {
    suite = bootstorm::ParseSuite(bootstorm::FuzzInputText(data, size), kFile);
  } catch (const std::invalid_argument& e) {
    bootstorm::FuzzExpect(std::string(e.what()).starts_with(std::string(kFile) + ": "),
                          "a suite error names the file");
    return 0;
  }
  bootstorm::FuzzExpect(!suite.name.empty(), "a suite has a name");
  bootstorm::FuzzExpect(!suite.scenarios.empty(), "a suite has a scenario");
  std::ranges::sort(suite.scenarios);
  bootstorm::FuzzExpect(std::ranges::adjacent_find(suite.scenarios) == suite.scenarios.end(),
                        "no scenario twice");
  return 0;
}
