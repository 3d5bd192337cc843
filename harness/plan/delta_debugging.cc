#include "delta_debugging.h"

#include <algorithm>
#include <map>

namespace bootstorm {
namespace {

/// `c` cut into `n` parts of nearly equal size, in order.
std::vector<Configuration> Split(const Configuration& c, std::size_t n) {
  std::vector<Configuration> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t end = start + (c.size() - start) / (n - i);
    parts.emplace_back(c.begin() + start, c.begin() + end);
    start = end;
  }
  return parts;
}

Configuration Without(const Configuration& c, const Configuration& part) {
  Configuration rest;
  std::set_difference(c.begin(), c.end(), part.begin(), part.end(), std::back_inserter(rest));
  return rest;
}

/// Answers each configuration once: a trial can take minutes.
class CachedTest {
 public:
  explicit CachedTest(const FailureTest& fails) : fails_(fails) {}
  bool operator()(const Configuration& c) {
    auto [it, inserted] = answers_.try_emplace(c, false);
    if (inserted) it->second = fails_(c);
    return it->second;
  }

 private:
  const FailureTest& fails_;
  std::map<Configuration, bool> answers_;
};

}  // namespace

Configuration Ddmin(std::size_t count, const FailureTest& fails) {
  Configuration c(count);
  for (std::size_t i = 0; i < count; ++i) c[i] = i;
  CachedTest test(fails);
  std::size_t n = 2;
  while (c.size() >= 2) {
    n = std::min(n, c.size());
    std::vector<Configuration> parts = Split(c, n);
    bool reduced = false;
    // Reduce to a subset: a part alone fails.
    for (const Configuration& part : parts) {
      if (test(part)) {
        c = part;
        n = 2;
        reduced = true;
        break;
      }
    }
    // Reduce to a complement; with two parts the complements are the parts.
    for (std::size_t i = 0; !reduced && n > 2 && i < parts.size(); ++i) {
      Configuration rest = Without(c, parts[i]);
      if (test(rest)) {
        c = std::move(rest);
        n = std::max<std::size_t>(n - 1, 2);
        reduced = true;
      }
    }
    if (reduced) continue;
    if (n == c.size()) break;       // every single element was tried: 1-minimal
    n = std::min(c.size(), 2 * n);  // finer granularity
  }
  return c;
}

}  // namespace bootstorm
