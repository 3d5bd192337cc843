#include "line_assembler.h"

namespace bootstorm {

LineAssembler::Output LineAssembler::Feed(std::string_view bytes) {
  Output out;
  while (!bytes.empty()) {
    std::size_t newline = bytes.find('\n');
    std::string_view chunk = bytes.substr(0, newline);
    if (!discarding_) {
      if (pending_.size() + chunk.size() > max_line_bytes_) {
        discarding_ = true;
        pending_.clear();
        pending_.shrink_to_fit();
      } else {
        pending_.append(chunk);
      }
    }
    if (newline == std::string_view::npos) break;
    if (discarding_) {
      ++out.oversized;
      discarding_ = false;
    } else {
      out.lines.push_back(std::move(pending_));
      pending_.clear();
    }
    bytes.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace bootstorm
