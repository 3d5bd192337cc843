#include "line_diff.h"

namespace bootstorm {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view expected, std::string_view actual,
                                std::size_t max_lines) {
  std::vector<std::string_view> a = SplitLines(expected), b = SplitLines(actual);
  std::size_t n = a.size(), m = b.size();
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<std::size_t>> common(n + 1, std::vector<std::size_t>(m + 1, 0));
  bool align = n <= max_lines && m <= max_lines;
  for (std::size_t i = n; align && i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] =
          a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<DiffLine> diff;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j] && align) {
      diff.push_back({DiffLine::kKept, std::string(a[i++])});
      ++j;
    } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
      diff.push_back({DiffLine::kRemoved, std::string(a[i++])});
    } else {
      diff.push_back({DiffLine::kAdded, std::string(b[j++])});
    }
  }
  return diff;
}

}  // namespace bootstorm
