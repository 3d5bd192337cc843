#include "interrupted_boot.h"

#include <fmt/format.h>

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

InterruptedRun RunUntilInterrupted(BootSession& session, RunningDomain& domain, const Fault& fault,
                                   Clock::time_point started, std::chrono::seconds timeout,
                                   std::string_view uri) {
  InterruptedRun run;
  bool power_cut = fault.kind == kFaultPowerCut;
  Clock::time_point deadline =
      power_cut ? started + std::chrono::milliseconds(fault.ms) : started + timeout;
  auto since_start = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  for (;;) {
    std::optional<BootEvent> event = session.WaitUntil(deadline);
    if (!event) {
      if (power_cut) {
        // Timed when the cut is asked for: destroying takes a while to return.
        run.injections.push_back(
            {fault.kind, since_start(),
             fmt::format("hard power cut (domain destroyed) {} ms after the start", fault.ms)});
        domain.Destroy();
      } else {
        run.error =
            fmt::format("the guest did not power off within {} s (shutdown requested as {} starts)",
                        timeout.count(), fault.unit);
      }
      return run;
    }
    switch (event->kind) {
      case BootEvent::Kind::kLine:
        run.lines.push_back(std::move(event->text));
        break;
      case BootEvent::Kind::kHistoryLine:
        run.history_lines.push_back(std::move(event->text));
        break;
      case BootEvent::Kind::kOversizedLine:
      case BootEvent::Kind::kFlood:
        run.error = GuestChannelError(*event);
        return run;
      case BootEvent::Kind::kChannelClosed:
        break;  // the stop or the deadline decides
      case BootEvent::Kind::kStopped:
        if (!power_cut && event->text == "shutdown") {
          run.injections.push_back(
              {fault.kind, since_start(),
               fmt::format("the guest requested poweroff as {} started; domain stopped (shutdown)",
                           fault.unit)});
        } else {
          run.error = fmt::format(
              "domain stopped ({}) before the {}", event->text,
              power_cut ? "power cut" : "shutdown requested as " + fault.unit + " starts");
        }
        return run;
      case BootEvent::Kind::kCancelled:
        run.cancelled = true;
        run.error = "interrupted";
        return run;
      case BootEvent::Kind::kConnectionLost:
        run.error = ConnectionLostMessage(uri, event->text);
        return run;
    }
  }
}

std::string InterruptedConsoleLogName(std::string_view console_log) {
  constexpr std::string_view kSuffix = ".console.log";
  std::string name(console_log);
  if (name.ends_with(kSuffix)) name.resize(name.size() - kSuffix.size());
  return name + ".interrupted" + std::string(kSuffix);
}

}  // namespace bootstorm
