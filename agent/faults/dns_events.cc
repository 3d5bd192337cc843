#include "dns_events.h"

#include <fmt/format.h>
#include <time.h>

#include <charconv>
#include <filesystem>
#include <functional>
#include <thread>

#include "command.h"
#include "files.h"
#include "nmcli_output.h"

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// From the final checkpoint to the host's link down (the host acts on it at once).
constexpr seconds kLinkDownTimeout{120};
/// From link down to up, beyond the planned flap.
constexpr seconds kLinkUpSlack{120};
/// NetworkManager reactivating the device (a DHCP exchange under TCG).
constexpr seconds kReconnectTimeout{180};
/// dnsmasq's shortest lease is two minutes; a renewal comes well before.
constexpr seconds kRenewalTimeout{240};

double MonotonicSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::optional<long long> ReadCounter(const std::string& path) {
  std::optional<std::string> text = ReadFileBounded(path, 64);
  if (!text) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc()) return std::nullopt;
  return value;
}

/// Polls `done` until it holds or `timeout` passes.
bool PollUntil(const std::function<bool()>& done, Clock::duration timeout, milliseconds every) {
  Clock::time_point deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(every);
  }
  return true;
}

std::string NmDeviceState(const std::string& device) {
  CommandResult r =
      RunCommand({"nmcli", "-t", "-f", "DEVICE,STATE", "device", "status"}, kNmCallTimeout);
  auto states = ParseNmcliDeviceStates(r.output);
  auto it = states.find(device);
  return it == states.end() ? "" : it->second;
}

}  // namespace

std::optional<CarrierCounts> ReadCarrierCounts(const AgentLog& log) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/sys/class/net", ec)) {
    if (!std::filesystem::exists(entry.path() / "device", ec)) continue;
    std::string dir = entry.path().string();
    auto up = ReadCounter(dir + "/carrier_up_count");
    auto down = ReadCounter(dir + "/carrier_down_count");
    if (!up || !down) continue;
    return CarrierCounts{entry.path().filename().string(), *up, *down};
  }
  log.Write("no physical NIC with carrier counters in /sys/class/net");
  return std::nullopt;
}

bool WaitForLinkFlap(const CarrierCounts& before, int flap_ms, const AgentLog& log) {
  std::string dir = "/sys/class/net/" + before.device;
  auto went_down = [&] {
    return ReadCounter(dir + "/carrier_down_count").value_or(before.down) > before.down;
  };
  if (!PollUntil(went_down, kLinkDownTimeout, milliseconds(100))) {
    log.Write(fmt::format("link-flap: the carrier of {} did not go down within {} s", before.device,
                          kLinkDownTimeout.count()));
    return false;
  }
  log.Write(
      fmt::format("link-flap: carrier of {} down at {:.1f} s", before.device, MonotonicSeconds()));
  auto came_up = [&] {
    return ReadCounter(dir + "/carrier_up_count").value_or(before.up) > before.up &&
           ReadFileBounded(dir + "/carrier", 8).value_or("0").starts_with("1");
  };
  if (!PollUntil(came_up, milliseconds(flap_ms) + kLinkUpSlack, milliseconds(100))) {
    log.Write(fmt::format("link-flap: the carrier of {} did not come up within {} s", before.device,
                          (milliseconds(flap_ms) + kLinkUpSlack).count() / 1000));
    return false;
  }
  log.Write(
      fmt::format("link-flap: carrier of {} up at {:.1f} s", before.device, MonotonicSeconds()));
  if (!PollUntil([&] { return NmDeviceState(before.device) == "connected"; }, kReconnectTimeout,
                 milliseconds(500))) {
    log.Write(fmt::format("link-flap: NetworkManager did not reconnect {} within {} s",
                          before.device, kReconnectTimeout.count()));
    return false;
  }
  log.Write(fmt::format("link-flap: NetworkManager has {} connected again at {:.1f} s",
                        before.device, MonotonicSeconds()));
  return true;
}

std::optional<long long> QueryDhcp4Expiry(const std::string& device, const AgentLog& log) {
  std::vector<std::string> argv = {"nmcli", "-t", "-f", "DHCP4", "device", "show", device};
  CommandResult r = RunCommand(argv, kNmCallTimeout);
  if (!r.ok()) log.Write(fmt::format("{}: exit {}", CommandLine(argv), r.exit_code));
  return ParseDhcp4Expiry(r.output);
}

bool WaitForDhcpRenewal(const std::string& device, long long before, const AgentLog& log) {
  long long now = before;
  auto renewed = [&] {
    now = QueryDhcp4Expiry(device, log).value_or(before);
    return now != before;
  };
  if (!PollUntil(renewed, kRenewalTimeout, milliseconds(1000))) {
    log.Write(fmt::format("dhcp-renew: the lease of {} was not renewed within {} s (expiry {})",
                          device, kRenewalTimeout.count(), before));
    return false;
  }
  log.Write(fmt::format("dhcp-renew: lease of {} renewed at {:.1f} s: expiry {} -> {}", device,
                        MonotonicSeconds(), before, now));
  return true;
}

}  // namespace bootstorm
