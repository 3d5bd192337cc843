#include "failure_section.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "console_excerpt.h"
#include "line_diff.h"
#include "rerun_commands.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

/// The invariant whose expectation is the resolv.conf the agent rendered.
constexpr std::string_view kResolvConfCheck = "resolv-conf-intact";

std::string PrettyJson(const nlohmann::json& j) {
  // The guest's strings need not be UTF-8: replace, do not throw.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FailedChecks(const BootRecord& boot) {
  std::string rows;
  for (const CheckResult& c : boot.checks) {
    if (!CheckFailed(c)) continue;
    rows += fmt::format(
        "<tr><td class=\"invariant\">{}</td><td>{}</td><td>{}<details><summary>expected and "
        "actual</summary><div class=\"pair\"><div><h6>expected</h6><pre>{}</pre></div><div>"
        "<h6>actual</h6><pre>{}</pre></div></div></details></td></tr>",
        XmlEscape(c.name), XmlEscape(c.checkpoint.empty() ? "-" : c.checkpoint),
        XmlEscape(c.message), XmlEscape(PrettyJson(c.expected)), XmlEscape(PrettyJson(c.actual)));
  }
  if (rows.empty()) return "";
  return "<h5>Failed checks</h5><table class=\"checks\"><thead><tr><th>invariant</th>"
         "<th>checkpoint</th><th>what was seen</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

std::string ResolvConf(const BootRecord& boot, const Observation& o) {
  const CheckResult* check = nullptr;
  for (const CheckResult& c : boot.checks) {
    if (c.name == kResolvConfCheck && c.expected.is_string()) check = &c;
  }
  std::string actual = o.resolv_conf.value_or("");
  std::string where = XmlEscape(o.checkpoint);
  std::string notes;
  if (!o.resolv_conf) notes += "<p class=\"note\">/etc/resolv.conf was missing.</p>";
  if (o.resolv_conf_is_symlink) notes += "<p class=\"note\">/etc/resolv.conf is a symlink.</p>";
  if (!check) {
    return fmt::format("<h5>resolv.conf at {}</h5>{}<pre class=\"file\">{}</pre>", where, notes,
                       XmlEscape(actual));
  }
  std::string lines;
  for (const DiffLine& d : DiffLines(check->expected.get<std::string>(), actual)) {
    static constexpr std::string_view kClass[] = {"kept", "removed", "added"};
    static constexpr std::string_view kSign[] = {" ", "-", "+"};
    lines += fmt::format("<span class=\"{}\">{} {}</span>\n", kClass[d.kind], kSign[d.kind],
                         XmlEscape(d.text));
  }
  return fmt::format(
      "<h5>resolv.conf at {}: <span class=\"removed\">- expected</span> "
      "<span class=\"added\">+ actual</span></h5>{}<pre class=\"diff\">{}</pre>",
      where, notes, lines);
}

std::string Interfaces(const Observation& o) {
  std::string rows;
  for (const DeviceState& d : o.devices) {
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        XmlEscape(d.name), XmlEscape(d.mac), XmlEscape(d.nm_state),
                        XmlEscape(fmt::format("{}", fmt::join(d.ipv4, " "))),
                        XmlEscape(fmt::format("{}", fmt::join(d.ipv6, " "))));
  }
  if (rows.empty()) rows = "<tr><td colspan=\"5\">no devices reported</td></tr>";
  return fmt::format(
      "<h5>Interfaces at {}</h5><p class=\"note\">NetworkManager {}, DNS mode {}</p><table "
      "class=\"devices\"><thead><tr><th>device</th><th>MAC</th><th>NM state</th><th>IPv4</th>"
      "<th>IPv6</th></tr></thead><tbody>{}</tbody></table>",
      XmlEscape(o.checkpoint), XmlEscape(o.nm_active_state.empty() ? "?" : o.nm_active_state),
      XmlEscape(o.nm_dns_mode.empty() ? "unknown" : o.nm_dns_mode), rows);
}

std::string Lines(std::string_view title, const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  std::string text;
  for (const std::string& l : lines) text += XmlEscape(l) + "\n";
  return fmt::format(
      "<details><summary>{} ({} lines)</summary><pre class=\"log\">{}</pre></details>", title,
      lines.size(), text);
}

/// The console log read for an excerpt, and the tail shown of it.
constexpr std::size_t kConsoleReadLines = 20000, kConsoleReadBytes = 1024 * 1024;
constexpr std::size_t kConsoleTailLines = 60, kConsoleContextLines = 15;

std::string ConsoleLines(const std::vector<std::string>& lines, std::size_t first,
                         std::size_t last) {
  std::string text;
  for (std::size_t i = first; i < last; ++i) text += XmlEscape(lines[i]) + "\n";
  return "<pre class=\"console\">" + text + "</pre>";
}

/// The lines around guest time `at` (the failing checkpoint's), when the
/// console is stamped and they are not in the tail anyway, then the tail.
std::string Console(const std::filesystem::path& run_dir, const std::string& log,
                    std::string_view what, std::optional<double> at) {
  ConsoleExcerpt e = ReadConsoleExcerpt(run_dir, log, kConsoleReadLines, kConsoleReadBytes);
  std::size_t tail = e.lines.size() - std::min(e.lines.size(), kConsoleTailLines);
  std::string heading = fmt::format("<h5>Serial console{}: {}{}</h5>", what,
                                    e.truncated || tail > 0 ? "the end of " : "", XmlEscape(log));
  if (!e.error.empty())
    return heading + fmt::format("<p class=\"note\">{}</p>", XmlEscape(e.error));
  std::string html;
  std::optional<LineRange> around =
      at ? LinesAround(e.lines, *at, kConsoleContextLines) : std::nullopt;
  if (around && around->first < tail)
    html += fmt::format(
                "<h5>Serial console{}: around the failing checkpoint (guest time {:.3f} s): "
                "{}</h5>",
                what, *at, XmlEscape(log)) +
            ConsoleLines(e.lines, around->first, std::min(around->last, tail));
  return html + heading + ConsoleLines(e.lines, tail, e.lines.size());
}

}  // namespace

const Observation* ObservationOfFailure(const BootRecord& boot) {
  const Observation* last = boot.observations.empty() ? nullptr : &boot.observations.back();
  for (const CheckResult& c : boot.checks) {
    if (!CheckFailed(c)) continue;
    const Observation* at = nullptr;
    for (const Observation& o : boot.observations) {
      if (o.checkpoint == c.checkpoint) at = &o;
    }
    return at ? at : last;
  }
  return last;
}

std::string RenderFailureSection(const BootRecord& boot, int vm,
                                 const std::filesystem::path& run_dir) {
  std::string html = "<div class=\"failure\">";
  if (boot.outcome == Outcome::kInfraError) {
    html += fmt::format("<h5>Infra error</h5><p class=\"infra-error\">{}</p>",
                        XmlEscape(boot.infra_error));
  }
  if (!boot.retried_infra_errors.empty()) {
    html += "<p class=\"note\">Retried after infra errors:</p><ul class=\"retries\">";
    for (const std::string& e : boot.retried_infra_errors) html += "<li>" + XmlEscape(e) + "</li>";
    html += "</ul>";
  }
  html += FailedChecks(boot);
  if (const Observation* o = ObservationOfFailure(boot)) {
    html += ResolvConf(boot, *o) + Interfaces(*o);
    html += Lines("NetworkManager's DNS journal", o->nm_dns_journal);
    html += Lines("agent log", o->agent_log);
  } else {
    html += "<p class=\"note\">No observation arrived from the guest in this boot.</p>";
  }
  // The failing observation's time, on the console of the part it came from.
  const Observation* failed =
      boot.outcome == Outcome::kSutFailure ? ObservationOfFailure(boot) : nullptr;
  auto at = [failed](bool interrupted) -> std::optional<double> {
    if (!failed || (failed->part == kPartInterrupted) != interrupted) return std::nullopt;
    return failed->monotonic_us / 1e6;
  };
  if (!boot.interrupted_console_log.empty())
    html += Console(run_dir, boot.interrupted_console_log, " of the interrupted part", at(true));
  html += Console(run_dir, boot.console_log, "", at(false));
  html += "<h5>Rerun</h5><pre class=\"cmd\">" +
          XmlEscape(ReplayCommandLine(run_dir, vm, boot.boot)) + "\n";
  if (boot.outcome == Outcome::kSutFailure)
    html += XmlEscape(ShrinkCommandLine(run_dir, vm)) + "\n";
  return html + "</pre></div>";
}

}  // namespace bootstorm
