#include "boot_session.h"

#include <fmt/format.h>

#include "history.h"
#include "observation.h"

namespace bootstorm {

namespace {
constexpr std::string_view kProbe = "probe";
constexpr std::string_view kHistory = "history";

bool IsLine(const BootEvent& e) {
  return e.kind == BootEvent::Kind::kLine || e.kind == BootEvent::Kind::kHistoryLine;
}
}  // namespace

std::string GuestChannelError(const BootEvent& event) {
  if (event.kind == BootEvent::Kind::kOversizedLine)
    return fmt::format("the guest sent a {} line over {} bytes", event.text,
                       event.text == kHistory ? kMaxHistoryEventBytes : kMaxObservationBytes);
  return "the guest flooded " + event.text;
}

BootSession::BootSession(const std::filesystem::path& console_path, std::size_t console_limit)
    : probe_{kProbe, LineAssembler(kMaxObservationBytes), kMaxChannelBytesPerBoot,
             BootEvent::Kind::kLine},
      history_{kHistory, LineAssembler(kMaxHistoryEventBytes), kMaxHistoryBytesPerBoot,
               BootEvent::Kind::kHistoryLine},
      console_(console_path, std::ios::binary | std::ios::trunc),
      console_limit_(console_limit) {}

std::optional<BootEvent> BootSession::WaitUntil(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_until(lock, deadline, [&] { return !events_.empty(); })) return std::nullopt;
  BootEvent event = std::move(events_.front());
  events_.pop_front();
  if (IsLine(event)) queued_line_bytes_ -= event.text.size();
  return event;
}

void BootSession::Push(BootEvent event) {
  {
    std::lock_guard lock(mu_);
    if (IsLine(event)) {
      if (flooded_) return;
      if (queued_line_bytes_ + event.text.size() > kMaxQueuedLineBytes) {
        flooded_ = true;
        event = {BootEvent::Kind::kFlood, "its channels: more than " +
                                              std::to_string(kMaxQueuedLineBytes) +
                                              " bytes of lines waiting"};
      } else {
        queued_line_bytes_ += event.text.size();
      }
    }
    events_.push_back(std::move(event));
  }
  cv_.notify_one();
}

void BootSession::Cancel() { Push({BootEvent::Kind::kCancelled, ""}); }

void BootSession::OnChannelData(std::string_view bytes) { Feed(probe_, bytes); }

void BootSession::OnHistoryData(std::string_view bytes) { Feed(history_, bytes); }

void BootSession::Feed(Channel& channel, std::string_view bytes) {
  if (channel.bytes > channel.byte_limit) return;
  channel.bytes += bytes.size();
  if (channel.bytes > channel.byte_limit) {
    Push({BootEvent::Kind::kFlood,
          fmt::format("the {} channel: more than {} bytes", channel.name, channel.byte_limit)});
    return;
  }
  LineAssembler::Output out = channel.lines.Feed(bytes);
  for (std::size_t i = 0; i < out.oversized; ++i)
    Push({BootEvent::Kind::kOversizedLine, std::string(channel.name)});
  for (std::string& line : out.lines) Push({channel.line_kind, std::move(line)});
}

void BootSession::OnChannelClosed(const std::string& reason) {
  Push({BootEvent::Kind::kChannelClosed, reason});
}

void BootSession::OnConsoleData(std::string_view bytes) {
  std::lock_guard lock(console_mu_);
  if (console_written_ >= console_limit_) return;
  std::size_t n = std::min(bytes.size(), console_limit_ - console_written_);
  console_.write(bytes.data(), static_cast<std::streamsize>(n));
  console_written_ += n;
  if (console_written_ >= console_limit_) console_ << "\n[bootstorm: console truncated]\n";
  console_.flush();  // a killed run keeps its console
}

void BootSession::OnStopped(const std::string& reason) {
  Push({BootEvent::Kind::kStopped, reason});
}

void BootSession::OnConnectionLost(const std::string& reason) {
  Push({BootEvent::Kind::kConnectionLost, reason});
}

}  // namespace bootstorm
