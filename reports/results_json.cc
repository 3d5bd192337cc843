#include "results_json.h"

#include <fstream>
#include <sstream>

#include "atomic_file.h"
#include "exit_code.h"
#include "strict_json.h"

namespace bootstorm {

void WriteResultsJson(const RunRecord& run, const std::filesystem::path& path) {
  WriteFileAtomically(
      path, ToJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

RunRecord ReadResultsJson(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadInput(path.string() + ": cannot read (not a run folder?)");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return RunRecordFromJson(ParseJsonText(text.str(), "results"), "results");
  } catch (const std::invalid_argument& e) {
    throw BadInput(path.string() + ": " + e.what());
  }
}

}  // namespace bootstorm
