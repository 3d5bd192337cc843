#include "html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "bad_input.h"
#include "boot_history.h"
#include "boot_timeline.h"
#include "expectation.h"
#include "failure_section.h"
#include "html_report_assets.h"
#include "pass_rate.h"
#include "run_dir_path.h"
#include "timeline_svg.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

constexpr Outcome kOutcomes[] = {Outcome::kPass, Outcome::kSutFailure, Outcome::kInfraError};

std::string_view Shown(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kSutFailure:
      return "SUT failure";
    case Outcome::kInfraError:
      break;
  }
  return "infra error";
}

std::string Badge(Outcome o) {
  return fmt::format("<span class=\"badge {}\">{}</span>", OutcomeName(o), Shown(o));
}

std::string Plural(int n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

/// One row of the scenario table. A run has one scenario; a suite report
/// shows one row per scenario run.
struct ScenarioRow {
  std::string name;
  std::string file;
  int vms = 0;
  BootTally boots;
};

std::string Header(const RunRecord& run) {
  std::string html = fmt::format(
      "<header><h1>bootstorm report: {}</h1><p class=\"meta\">run <code>{}</code> of "
      "<code>{}</code>, started {} UTC, {:.0f} s; hypervisor <code>{}</code> ({}){}{}; "
      "system under test {}; <a href=\"results.json\">results.json</a></p>",
      XmlEscape(run.scenario_name), XmlEscape(run.run_id), XmlEscape(run.scenario_file),
      XmlEscape(run.started_at), run.wall_seconds, XmlEscape(run.uri),
      XmlEscape(run.virt_type.empty() ? "unknown" : run.virt_type),
      run.hosts.size() > 1 ? fmt::format(" and {} more hosts", run.hosts.size() - 1) : "",
      run.resumes > 0 ? fmt::format("; resumed {} times", run.resumes) : "",
      XmlEscape(DescribeSut(run.guest_versions).empty() ? "unknown"
                                                        : DescribeSut(run.guest_versions)));
  if (run.interrupted)
    html += fmt::format(
        "<p class=\"banner infra\">The run was interrupted ({}): not every boot ran.</p>",
        XmlEscape(run.interrupted_by));
  if (!run.setup_error.empty())
    html +=
        fmt::format("<p class=\"banner infra\">Setup failed: {}</p>", XmlEscape(run.setup_error));
  for (const HostRecord& h : run.hosts) {
    if (!h.setup_error.empty())
      html += fmt::format("<p class=\"banner infra\">Host <code>{}</code>: {}</p>",
                          XmlEscape(h.uri), XmlEscape(h.setup_error));
  }
  return html + "</header>";
}

/// The verdict against the scenario's expectation, first thing on the page.
std::string Verdict(const RunRecord& run) {
  ExpectationVerdict v = JudgeExpectation(run);
  std::string_view kind = v.met()                                  ? "met"
                          : v.status == ExpectationStatus::kNotMet ? "fail"
                                                                   : "infra";
  return fmt::format("<p class=\"banner verdict {}\" id=\"verdict\"><b>{}</b></p>", kind,
                     XmlEscape(DescribeExpectation(v)));
}

/// A link to a file the record names inside the run folder (report.html sits
/// there), or the name as text when it is not a plain relative path.
std::string RunFileLink(const std::string& relative, std::string_view text) {
  // A colon could make the link another scheme ("javascript:").
  if (!StaysInside(relative) || relative.find(':') != std::string::npos) return XmlEscape(relative);
  return fmt::format("<a href=\"{}\">{}</a>", XmlEscape(relative), XmlEscape(text));
}

std::string Summary(const RunRecord& run, const BootTally& boots) {
  RunSummary vms = Summarize(run);
  int counts[] = {vms.pass, vms.sut_failure, vms.infra_error};
  std::string html = "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
  for (std::size_t i = 0; i < std::size(kOutcomes); ++i) {
    html += fmt::format(
        "<div class=\"card {}\" data-count=\"{}\"><div class=\"n\">{}</div><div class=\"l\">VMs: "
        "{}</div></div>",
        OutcomeName(kOutcomes[i]), counts[i], counts[i], Shown(kOutcomes[i]));
  }
  // A detect run's boots are meant to fail: say how often the activator was caught.
  std::string headline =
      run.expect == Expect::kDetect
          ? fmt::format("caught in {} of {} judged boots", boots.sut_failures, boots.judged())
          : FormatPassRate(boots) + " of boots passed";
  html += fmt::format(
      "<div class=\"card rate\"><div class=\"n\">{}</div><div class=\"l\">{} "
      "of {} VMs planned; {} boots: {} passed, {} SUT failures, {} infra errors. Failure "
      "probability of a boot, 95% upper bound: <b>{}</b></div></div></div>",
      headline, run.vms.size(), run.vms_planned, boots.boots, boots.passed, boots.sut_failures,
      boots.infra_errors, XmlEscape(FormatFailureBound(boots)));
  return html + "</section>";
}

std::string ScenarioTable(const std::vector<ScenarioRow>& rows) {
  std::string html =
      "<section id=\"scenarios\"><h2>Scenarios</h2><table><thead><tr><th>scenario</th>"
      "<th class=\"num\">VMs</th><th class=\"num\">boots</th><th class=\"num\">pass</th>"
      "<th class=\"num\">SUT failure</th><th class=\"num\">infra error</th>"
      "<th class=\"num\">pass rate</th><th>failures, 95% upper bound per boot</th></tr></thead>"
      "<tbody>";
  for (const ScenarioRow& r : rows) {
    html += fmt::format(
        "<tr data-scenario=\"{0}\"><td><b>{0}</b><br><span class=\"meta mono\">{1}</span></td>"
        "<td class=\"num\">{2}</td><td class=\"num\">{3}</td><td class=\"num\">{4}</td>"
        "<td class=\"num\">{5}</td><td class=\"num\">{6}</td><td class=\"num\">{7}</td>"
        "<td class=\"bound\">{8}</td></tr>",
        XmlEscape(r.name), XmlEscape(r.file), r.vms, r.boots.boots, r.boots.passed,
        r.boots.sut_failures, r.boots.infra_errors, FormatPassRate(r.boots),
        XmlEscape(FormatFailureBound(r.boots)));
  }
  return html +
         "</tbody></table><p class=\"note\">Infra errors say nothing about the system under "
         "test: the pass rate and the bound count the other boots.</p></section>";
}

/// The failing boots, each linked to its section, and the invariants that failed.
std::string FailureIndex(const RunRecord& run) {
  std::map<std::string, int> by_invariant;
  std::string items;
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& b : vm.boots) {
      if (b.outcome == Outcome::kPass) continue;
      std::string what;
      for (const CheckResult& c : b.checks) {
        if (!CheckFailed(c)) continue;
        ++by_invariant[c.name];
        what += (what.empty() ? "" : ", ") + c.name;
      }
      if (b.outcome == Outcome::kInfraError) what = b.infra_error;
      items += fmt::format("<li>{} <a href=\"#vm-{}-boot-{}\">VM {} boot {}</a>: {}</li>",
                           Badge(b.outcome), vm.vm, b.boot, vm.vm, b.boot, XmlEscape(what));
    }
  }
  if (items.empty()) return "";
  std::string html = "<section id=\"failures\"><h2>Failures</h2>";
  if (!by_invariant.empty()) {
    html +=
        "<table class=\"invariants\"><thead><tr><th>invariant</th><th class=\"num\">failed "
        "boots</th></tr></thead><tbody>";
    for (const auto& [name, n] : by_invariant) {
      html += fmt::format("<tr><td class=\"invariant\">{}</td><td class=\"num\">{}</td></tr>",
                          XmlEscape(name), n);
    }
    html += "</tbody></table>";
  }
  return html + "<ul class=\"failures\">" + items + "</ul></section>";
}

std::string Toolbar(const RunRecord& run) {
  int counts[std::size(kOutcomes)] = {};
  for (const VmRecord& vm : run.vms) ++counts[static_cast<int>(VmOutcome(vm))];
  std::string html = "<div class=\"toolbar\" role=\"toolbar\"><b>Show VMs:</b>";
  for (std::size_t i = 0; i < std::size(kOutcomes); ++i) {
    Outcome o = kOutcomes[i];
    html +=
        fmt::format("<label><input type=\"checkbox\" data-filter=\"{}\" checked> {} ({})</label>",
                    OutcomeName(o), Badge(o), counts[static_cast<int>(o)]);
  }
  return html +
         "<button type=\"button\" data-open=\"1\">expand all</button>"
         "<button type=\"button\" data-open=\"0\">collapse all</button>"
         "<span class=\"shown\"></span></div>";
}

/// The boot's stored event history; none when it has none or the file is
/// unreadable (the timeline then shows the checkpoints only).
std::vector<HistoryEvent> HistoryOf(const BootRecord& boot, const std::filesystem::path& run_dir) {
  try {
    return ReadBootHistory(run_dir, boot.console_log);
  } catch (const BadInput&) {
    return {};
  }
}

std::string Boot(const BootRecord& boot, int vm, double axis_end,
                 const std::vector<BootTimeline>& timelines, const std::filesystem::path& run_dir) {
  std::string faults;
  for (const Fault& f : boot.plan.faults) faults += (faults.empty() ? "" : ", ") + FormatFault(f);
  std::string html = fmt::format(
      "<div class=\"boot {0}\" id=\"vm-{1}-boot-{2}\" data-verdict=\"{0}\"><h4>boot {2} {3}"
      "</h4><p class=\"meta\">{4:.1f} s; activator {5}; faults: {6}; {7}{8}</p>"
      "<div class=\"chips\">",
      OutcomeName(boot.outcome), vm, boot.boot, Badge(boot.outcome), boot.seconds,
      ActivatorName(boot.plan.activator), faults.empty() ? "none" : XmlEscape(faults),
      RunFileLink(boot.console_log, "console log") +
          (std::filesystem::exists(run_dir / HistoryLogName(boot.console_log))
               ? ", " + RunFileLink(HistoryLogName(boot.console_log), "event history")
               : ""),
      boot.interrupted_console_log.empty()
          ? ""
          : ", " + RunFileLink(boot.interrupted_console_log, "interrupted part's console log"));
  std::string reasons;  // of the checks that do not apply: neither pass nor fail
  for (const CheckResult& c : boot.checks) {
    if (!c.applicable) {
      html += fmt::format("<span class=\"chip na\" title=\"not applicable: {}\">{} n/a</span>",
                          XmlEscape(c.message), XmlEscape(c.name));
      reasons += fmt::format("<li>{} n/a: {}</li>", XmlEscape(c.name), XmlEscape(c.message));
      continue;
    }
    html += fmt::format("<span class=\"chip {}\" title=\"{}\">{}{}</span>",
                        c.unknown  ? "unknown"
                        : c.passed ? "passed"
                                   : "failed",
                        XmlEscape(c.passed ? "passed" : c.message), XmlEscape(c.name),
                        c.unknown ? " unknown" : "");
  }
  html += "</div>";
  if (!reasons.empty()) html += "<ul class=\"na-reasons\">" + reasons + "</ul>";
  bool failed = boot.outcome != Outcome::kPass;
  for (const BootTimeline& t : timelines) {
    if (timelines.size() > 1)
      html += fmt::format("<p class=\"part\">{}</p>",
                          t.part == kPartInterrupted ? "interrupted part" : "recovery boot");
    html += RenderTimelineSvg(t, axis_end, failed);
  }
  if (failed) html += RenderFailureSection(boot, vm, run_dir);
  return html + "</div>";
}

std::string Vm(const VmRecord& vm, const std::filesystem::path& run_dir) {
  std::vector<std::vector<BootTimeline>> timelines;
  double axis_end = 0;  // shared by the VM's boots
  for (const BootRecord& b : vm.boots) {
    timelines.push_back(BootTimelines(b, HistoryOf(b, run_dir)));
    for (const BootTimeline& t : timelines.back()) axis_end = std::max(axis_end, t.end_s);
  }
  Outcome outcome = VmOutcome(vm);
  std::string html = fmt::format(
      "<details class=\"vm {0}\" id=\"vm-{1}\" data-verdict=\"{0}\"{2}><summary>VM {1} {3}"
      "<span class=\"meta\">{4}; {5}; {6}{7}</span></summary>",
      OutcomeName(outcome), vm.vm, outcome == Outcome::kPass ? "" : " open", Badge(outcome),
      Plural(static_cast<int>(vm.boots.size()), "boot"), XmlEscape(vm.domain), XmlEscape(vm.uri),
      vm.incomplete ? "; incomplete: boots are missing" : "");
  for (std::size_t i = 0; i < vm.boots.size(); ++i)
    html += Boot(vm.boots[i], vm.vm, axis_end, timelines[i], run_dir);
  return html + "</details>";
}

}  // namespace

std::string RenderHtmlReport(const RunRecord& run, const std::filesystem::path& run_dir) {
  BootTally boots = TallyBoots(run);
  std::vector<ScenarioRow> scenarios = {
      {run.scenario_name, run.scenario_file, static_cast<int>(run.vms.size()), boots}};
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src '{}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>bootstorm: {} ({})</title><style>{}</style></head>\n"
      "<body data-ready=\"0\" data-script-errors=\"\"><main>",
      kReportScriptHash, XmlEscape(run.scenario_name), XmlEscape(run.run_id), kReportStyle);
  html += Header(run) + Verdict(run) + Summary(run, boots) + ScenarioTable(scenarios) +
          FailureIndex(run);
  html += "<section id=\"vms\"><h2>VMs</h2>" + Toolbar(run) + RenderTimelineLegend() + "\n";
  for (const VmRecord& vm : run.vms) html += Vm(vm, run_dir) + "\n";
  html += fmt::format(
      "</section><footer>Rendered by bootstorm from the run directory <code>{}</code>. Times on "
      "the timelines are the guest's monotonic clock, in seconds since its kernel started."
      "</footer></main><script>{}</script></body></html>\n",
      XmlEscape(run_dir.string()), kReportScript);
  return html;
}

}  // namespace bootstorm
