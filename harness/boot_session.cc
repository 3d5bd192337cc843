#include "boot_session.h"

#include "observation.h"

namespace bootstorm {

std::string GuestChannelError(const BootEvent& event) {
  if (event.kind == BootEvent::Kind::kOversizedLine)
    return "the guest sent a probe line over " + std::to_string(kMaxObservationBytes) + " bytes";
  return "the guest flooded the probe channel: " + event.text;
}

BootSession::BootSession(const std::filesystem::path& console_path, std::size_t console_limit)
    : lines_(kMaxObservationBytes),
      console_(console_path, std::ios::binary | std::ios::trunc),
      console_limit_(console_limit) {}

std::optional<BootEvent> BootSession::WaitUntil(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_until(lock, deadline, [&] { return !events_.empty(); })) return std::nullopt;
  BootEvent event = std::move(events_.front());
  events_.pop_front();
  if (event.kind == BootEvent::Kind::kLine) queued_line_bytes_ -= event.text.size();
  return event;
}

void BootSession::Push(BootEvent event) {
  {
    std::lock_guard lock(mu_);
    if (event.kind == BootEvent::Kind::kLine) {
      if (flooded_) return;
      if (queued_line_bytes_ + event.text.size() > kMaxQueuedLineBytes) {
        flooded_ = true;
        event = {BootEvent::Kind::kFlood,
                 "more than " + std::to_string(kMaxQueuedLineBytes) + " bytes of lines waiting"};
      } else {
        queued_line_bytes_ += event.text.size();
      }
    }
    events_.push_back(std::move(event));
  }
  cv_.notify_one();
}

void BootSession::Cancel() { Push({BootEvent::Kind::kCancelled, ""}); }

void BootSession::OnChannelData(std::string_view bytes) {
  // Only the event thread feeds the assembler, so it needs no lock of its own.
  if (channel_bytes_ > kMaxChannelBytesPerBoot) return;
  channel_bytes_ += bytes.size();
  if (channel_bytes_ > kMaxChannelBytesPerBoot) {
    Push({BootEvent::Kind::kFlood,
          "more than " + std::to_string(kMaxChannelBytesPerBoot) + " bytes on the probe channel"});
    return;
  }
  LineAssembler::Output out = lines_.Feed(bytes);
  for (std::size_t i = 0; i < out.oversized; ++i) Push({BootEvent::Kind::kOversizedLine, ""});
  for (std::string& line : out.lines) Push({BootEvent::Kind::kLine, std::move(line)});
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
