// Fuzzes the reading of run.json (ParseJsonText, then RunManifestFromJson).
// Properties: bad input fails only with a std::invalid_argument (malformed
// JSON: JsonPathError naming "run"; invalid fields: naming the file), and an
// accepted manifest, written and read again, is equal.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fuzz_expect.h"
#include "run_manifest.h"
#include "strict_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr char kFile[] = "fuzz.json";
  bootstorm::RunManifest m;
  try {
    m = bootstorm::RunManifestFromJson(
        bootstorm::ParseJsonText(bootstorm::FuzzInputText(data, size), "run"), kFile);
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    bootstorm::FuzzExpect(what.starts_with("run") || what.starts_with(std::string(kFile) + ": "),
                          "an error names the file or the JSON path");
    return 0;
  }
  std::string text =
      bootstorm::ToJson(m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  bootstorm::RunManifest again;
  try {
    again = bootstorm::RunManifestFromJson(bootstorm::ParseJsonText(text, "run"), kFile);
  } catch (const std::invalid_argument& e) {
    bootstorm::FuzzExpect(false, std::string("a written manifest reads back: ") + e.what());
  }
  bootstorm::FuzzExpect(again == m, "a written manifest reads back equal");
  return 0;
}
