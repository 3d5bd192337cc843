// A line diff of two short texts (resolv.conf expected vs actual), as a
// report shows it: every line of both, marked kept, removed or added.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

struct DiffLine {
  enum Kind { kKept, kRemoved, kAdded };
  Kind kind = kKept;
  std::string text;
  bool operator==(const DiffLine&) const = default;
};

/// The lines of `expected` and `actual` in order, a longest common
/// subsequence kept and the rest removed (only in `expected`) or added (only
/// in `actual`); removals come before additions at each change. Texts of
/// more than `max_lines` lines are not aligned: all of `expected` is then
/// removed and all of `actual` added (the work stays bounded).
std::vector<DiffLine> DiffLines(std::string_view expected, std::string_view actual,
                                std::size_t max_lines = 500);

}  // namespace bootstorm
