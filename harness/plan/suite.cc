#include "suite.h"

#include <algorithm>
#include <stdexcept>

#include "bounded_file.h"
#include "exit_code.h"
#include "strict_json.h"

namespace bootstorm {

Suite ParseSuite(std::string_view text, const std::filesystem::path& file) {
  try {
    nlohmann::json json = ParseJsonText(text, "suite");  // StrictObject keeps a reference
    StrictObject o(json, "suite");
    Suite suite;
    suite.name = o.String("name");
    if (suite.name.empty()) throw JsonPathError(o.PathOf("name"), "empty name");
    suite.description = o.OptionalString("description").value_or("");
    const nlohmann::json& scenarios = o.Array("scenarios");
    if (scenarios.empty()) throw JsonPathError(o.PathOf("scenarios"), "expected at least one");
    std::vector<std::string> names = StringsOf(scenarios, o.PathOf("scenarios"));
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::string path = ElementPath(o.PathOf("scenarios"), i);
      std::filesystem::path scenario = file.parent_path() / names[i];
      // The error_code form: a name too long for the file system (found by
      // suite_fuzzer) is bad input, not an exception from the library.
      std::error_code ec;
      if (!std::filesystem::is_regular_file(scenario, ec))
        throw JsonPathError(
            path, "no scenario file " + scenario.string() + (ec ? " (" + ec.message() + ")" : ""));
      scenario = scenario.lexically_normal();
      if (std::find(suite.scenarios.begin(), suite.scenarios.end(), scenario) !=
          suite.scenarios.end())
        throw JsonPathError(path, scenario.string() + " is listed twice");
      suite.scenarios.push_back(std::move(scenario));
    }
    o.Finish();
    return suite;
  } catch (const JsonPathError& e) {
    throw BadInput(file.string() + ": " + e.what());
  }
}

Suite ReadSuite(const std::filesystem::path& file) {
  return ParseSuite(ReadFileBounded(file, kMaxSuiteBytes), file);
}

}  // namespace bootstorm
