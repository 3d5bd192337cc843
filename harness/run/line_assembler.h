// Splits a byte stream from the guest into lines, with a bound on line length
// so a hostile guest cannot make the host buffer without limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

class LineAssembler {
 public:
  explicit LineAssembler(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  struct Output {
    std::vector<std::string> lines;  ///< complete lines, without the newline
    std::size_t oversized = 0;       ///< lines dropped for exceeding the bound
  };

  /// Feeds bytes; returns the lines they completed. Memory held between
  /// calls never exceeds max_line_bytes: an oversized line is dropped whole
  /// (counted in `oversized` when its newline arrives).
  Output Feed(std::string_view bytes);

  /// Bytes of an unfinished line held (0 while discarding an oversized one).
  std::size_t pending() const { return pending_.size(); }

 private:
  std::size_t max_line_bytes_;
  std::string pending_;
  bool discarding_ = false;
};

}  // namespace bootstorm
