#include "results_json.h"

#include "atomic_file.h"
#include "bounded_file.h"
#include "exit_code.h"
#include "strict_json.h"

namespace bootstorm {

void WriteResultsJson(const RunRecord& run, const std::filesystem::path& path) {
  WriteFileAtomically(
      path, ToJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

RunRecord ReadResultsJson(const std::filesystem::path& path) {
  std::string text = ReadFileBounded(path, kMaxResultsBytes);
  try {
    return RunRecordFromJson(ParseJsonText(text, "results"), "results");
  } catch (const std::invalid_argument& e) {
    throw BadInput(path.string() + ": " + e.what());
  }
}

}  // namespace bootstorm
