#include "results_json.h"

#include <fstream>
#include <stdexcept>

namespace bootstorm {

void WriteResultsJson(const RunRecord& run, const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << ToJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace bootstorm
