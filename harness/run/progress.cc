#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "terminal_safe.h"

namespace bootstorm {

std::string FormatStatus(const ProgressCounts& c, std::chrono::seconds elapsed) {
  std::string status =
      fmt::format("{}/{} boots done, {} running, {} failed, {} infra", c.boots_done, c.boots_total,
                  c.running, c.sut_failures, c.infra_errors);
  if (c.boots_done > 0 && c.boots_done < c.boots_total) {
    long long eta = elapsed.count() * (c.boots_total - c.boots_done) / c.boots_done;
    status += fmt::format(", ETA {}m{:02}s", eta / 60, eta % 60);
  }
  return status;
}

Progress::Progress(int boots_total, bool live, std::FILE* out) : live_(live), out_(out) {
  counts_.boots_total = boots_total;
}

bool Progress::StdoutIsInteractive() {
  const char* ci = std::getenv("CI");
  return isatty(STDOUT_FILENO) && !(ci && *ci);
}

void Progress::WriteLocked(const std::string& text) {
  if (!out_) return;
  // A reader that went away (a closed pipe: bootstorm ignores SIGPIPE) must
  // not stop the run mid-boot: its results and teardown matter more than
  // the lines nobody reads. Stop writing instead.
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size() || std::fflush(out_) != 0)
    out_ = nullptr;
}

void Progress::Log(const std::string& line) {
  std::lock_guard lock(mu_);
  // Erase the status line first; the line holds guest strings.
  WriteLocked(fmt::format("{}{}\n", live_ ? "\r\x1b[2K" : "", TerminalSafe(line)));
  RedrawLocked();
}

void Progress::DomainStarted() {
  std::lock_guard lock(mu_);
  ++counts_.running;
  RedrawLocked();
}

void Progress::DomainEnded() {
  std::lock_guard lock(mu_);
  --counts_.running;
  RedrawLocked();
}

void Progress::BootFinished(Outcome outcome) {
  std::lock_guard lock(mu_);
  ++counts_.boots_done;
  if (outcome == Outcome::kSutFailure) ++counts_.sut_failures;
  if (outcome == Outcome::kInfraError) ++counts_.infra_errors;
  RedrawLocked();
}

void Progress::Finish() {
  std::lock_guard lock(mu_);
  if (live_) WriteLocked("\r\x1b[2K");
}

void Progress::RedrawLocked() {
  if (!live_) return;
  auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_);
  WriteLocked(fmt::format("\r\x1b[2K[{}]", FormatStatus(counts_, elapsed)));
}

}  // namespace bootstorm
