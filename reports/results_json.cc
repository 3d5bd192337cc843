#include "results_json.h"

#include "atomic_file.h"

namespace bootstorm {

void WriteResultsJson(const RunRecord& run, const std::filesystem::path& path) {
  WriteFileAtomically(
      path, ToJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace bootstorm
