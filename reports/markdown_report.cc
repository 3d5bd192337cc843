#include "markdown_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

#include "expectation.h"
#include "failure_bound.h"
#include "pass_rate.h"
#include "rerun_commands.h"

namespace bootstorm {
namespace {

/// Failures listed in full per invariant and infra errors per run; the rest
/// are counted.
constexpr std::size_t kListedPerGroup = 5;

/// `text` as a code span that shows it literally, whatever backticks it holds.
std::string CodeSpan(const std::string& text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

std::string Percent(int part, int whole) {
  return whole == 0 ? "n/a" : fmt::format("{:.1f}%", 100.0 * part / whole);
}

/// "0 in 200, < 1.5%": failures in judged boots and the 95% upper bound.
std::string Bound(int failures, int judged) {
  return fmt::format("{} in {}, {}", failures, judged,
                     FormatFailureUpperBound(FailureUpperBound(failures, judged)));
}

std::string OrUnknown(const std::string& s) { return s.empty() ? "unknown" : s; }

/// The value of `key` in `groups` (kept in order of first appearance), added
/// empty when new.
template <typename V>
V& GroupOf(std::vector<std::pair<std::string, V>>& groups, const std::string& key) {
  auto it =
      std::find_if(groups.begin(), groups.end(), [&key](const auto& g) { return g.first == key; });
  return it != groups.end() ? it->second : groups.emplace_back(key, V{}).second;
}

/// Distinct values of `f` over `runs`, in order of first appearance.
template <typename F>
std::vector<std::string> Distinct(std::span<const ReportedRun> runs, F f) {
  std::vector<std::string> values;
  for (const ReportedRun& r : runs) {
    for (const std::string& v : f(r.record)) {
      if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
  }
  return values;
}

std::string ResultOf(const RunRecord& run) {
  ExpectationVerdict v = JudgeExpectation(run);
  std::string status = v.met()                                  ? "met"
                       : v.status == ExpectationStatus::kNotMet ? "**NOT met**"
                                                                : "**undecided**";
  if (v.detect)
    return v.met() ? fmt::format("met: caught by {}", fmt::join(v.caught_by, ", "))
                   : status + ": not caught";
  return status;
}

void ScenarioTable(std::string& md, std::span<const ReportedRun> runs) {
  md +=
      "| scenario | activator | expects | VMs | boots | passed | SUT failures | infra errors | "
      "failure probability (95% bound) | result |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const ReportedRun& r : runs) {
    const RunRecord& run = r.record;
    BootTally t = TallyBoots(run);
    md += fmt::format("| {} | {} | {} | {} | {} | {} ({}) | {} | {} | {} | {} |\n",
                      MarkdownText(run.scenario_name), MarkdownText(OrUnknown(run.activator)),
                      ExpectName(run.expect), run.vms_planned, t.boots, t.passed,
                      Percent(t.passed, t.judged()), t.sut_failures, t.infra_errors,
                      Bound(t.sut_failures, t.judged()), ResultOf(run));
  }
}

void InvariantTable(std::string& md, std::span<const ReportedRun> runs) {
  BootTally total;
  for (const ReportedRun& r : runs) {
    if (r.record.expect != Expect::kDetect) AddTally(total, TallyBoots(r.record));
  }
  md += "\n## Invariants\n\n";
  if (total.invariants.empty()) {
    md += "No boot of a scenario that expects a pass was judged.\n";
    return;
  }
  md +=
      "Boots of the scenarios that expect a pass; a boot that ended in an infra error judges "
      "nothing, and neither does a boot the invariant did not apply to (n/a).\n\n"
      "| invariant | verdict | boots checked | failed | failure probability (95% upper bound) |\n"
      "|---|---|---|---|---|\n";
  for (const InvariantTally& i : total.invariants) {
    std::string verdict = i.failed > 0 ? "**FAIL**" : i.checked > 0 ? "pass" : "n/a";
    md += fmt::format("| {} | {} | {}{} | {} | {} |\n", MarkdownText(i.name), verdict, i.checked,
                      FormatNotApplicable(i), i.failed,
                      FormatFailureUpperBound(FailureUpperBound(i.failed, i.checked)));
  }
}

/// Per invariant that did not apply to some boots, each distinct reason and
/// in how many boots; nothing when every invariant applied everywhere.
void NotApplicableReasons(std::string& md, std::span<const ReportedRun> runs) {
  // (invariant, [(reason, boots)]) in order of first appearance.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, int>>>> by_invariant;
  for (const ReportedRun& r : runs) {
    for (const VmRecord& vm : r.record.vms) {
      for (const BootRecord& boot : vm.boots) {
        if (boot.outcome == Outcome::kInfraError) continue;  // judged nothing
        for (const CheckResult& c : boot.checks) {
          if (!c.applicable) ++GroupOf(GroupOf(by_invariant, c.name), c.message);
        }
      }
    }
  }
  if (by_invariant.empty()) return;
  md += "\n## Not applicable\n\nNeither a pass nor a failure: the invariant does not apply.\n\n";
  for (const auto& [name, reasons] : by_invariant) {
    for (std::size_t i = 0; i < std::min(reasons.size(), kListedPerGroup); ++i)
      md += fmt::format("- **{}**: n/a in {} boot{}: {}\n", MarkdownText(name), reasons[i].second,
                        reasons[i].second == 1 ? "" : "s", MarkdownText(reasons[i].first));
    if (reasons.size() > kListedPerGroup)
      md += fmt::format("- **{}**: and {} more reasons\n", MarkdownText(name),
                        reasons.size() - kListedPerGroup);
  }
}

struct FailureRef {
  const ReportedRun* run;
  int vm;
  const BootRecord* boot;
  const CheckResult* check;
};

void SutFailures(std::string& md, std::span<const ReportedRun> runs) {
  std::vector<std::pair<std::string, std::vector<FailureRef>>> by_invariant;
  for (const ReportedRun& r : runs) {
    for (const VmRecord& vm : r.record.vms) {
      for (const BootRecord& boot : vm.boots) {
        for (const CheckResult& c : boot.checks) {
          if (CheckFailed(c)) GroupOf(by_invariant, c.name).push_back({&r, vm.vm, &boot, &c});
        }
      }
    }
  }
  md += "\n## SUT failures by invariant\n\n";
  if (by_invariant.empty()) {
    md += "None.\n";
    return;
  }
  for (const auto& [name, failures] : by_invariant) {
    md += fmt::format("- **{}**: {} boot{}\n", MarkdownText(name), failures.size(),
                      failures.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < std::min(failures.size(), kListedPerGroup); ++i) {
      const FailureRef& f = failures[i];
      md += fmt::format("  - {} vm {} boot {}: {}  \n    replay: {}\n",
                        MarkdownText(f.run->record.scenario_name), f.vm, f.boot->boot,
                        MarkdownText(f.check->message),
                        CodeSpan(ReplayCommandLine(f.run->dir, f.vm, f.boot->boot)));
    }
    if (failures.size() > kListedPerGroup)
      md += fmt::format("  - and {} more (see each run's results.json)\n",
                        failures.size() - kListedPerGroup);
  }
}

void InfraErrors(std::string& md, std::span<const ReportedRun> runs) {
  md += "\n## Infra errors\n\nNever counted as a pass or as a SUT failure.\n\n";
  bool any = false;
  for (const ReportedRun& r : runs) {
    const RunRecord& run = r.record;
    std::vector<std::string> lines;
    if (!run.setup_error.empty()) lines.push_back("setup: " + MarkdownText(run.setup_error));
    if (run.interrupted) lines.push_back("interrupted by " + MarkdownText(run.interrupted_by));
    int missing = run.vms_planned - static_cast<int>(run.vms.size());
    if (missing > 0) lines.push_back(fmt::format("{} VMs did not run", missing));
    for (const VmRecord& vm : run.vms) {
      for (const BootRecord& boot : vm.boots) {
        if (boot.outcome == Outcome::kInfraError)
          lines.push_back(
              fmt::format("vm {} boot {}: {}", vm.vm, boot.boot, MarkdownText(boot.infra_error)));
        else if (!boot.retried_infra_errors.empty())
          lines.push_back(fmt::format("vm {} boot {}: retried after {} (then {})", vm.vm, boot.boot,
                                      MarkdownText(boot.retried_infra_errors.back()),
                                      OutcomeName(boot.outcome)));
      }
      if (vm.incomplete) lines.push_back(fmt::format("vm {}: boots not run", vm.vm));
    }
    for (std::size_t i = 0; i < std::min(lines.size(), kListedPerGroup); ++i)
      md += fmt::format("- {}: {}\n", MarkdownText(run.scenario_name), lines[i]);
    if (lines.size() > kListedPerGroup)
      md += fmt::format("- {}: and {} more\n", MarkdownText(run.scenario_name),
                        lines.size() - kListedPerGroup);
    any = any || !lines.empty();
  }
  if (!any) md += "None.\n";
}

/// Rows: activators; columns: scenarios; a cell is what the run of that pair
/// showed.
void DetectionMatrix(std::string& md, std::span<const ReportedRun> runs) {
  auto one = [](auto f) { return [f](const RunRecord& r) { return std::vector{f(r)}; }; };
  std::vector<std::string> scenarios =
      Distinct(runs, one([](const RunRecord& r) { return r.scenario_name; }));
  std::vector<std::string> activators =
      Distinct(runs, one([](const RunRecord& r) { return OrUnknown(r.activator); }));
  md +=
      "\n## Detection matrix\n\nA cell names the invariants that failed (the activator was "
      "caught), or says the run passed.\n\n| activator |";
  for (const std::string& s : scenarios) md += " " + MarkdownText(s) + " |";
  md += "\n|---|";
  for (std::size_t i = 0; i < scenarios.size(); ++i) md += "---|";
  md += "\n";
  for (const std::string& a : activators) {
    md += "| " + MarkdownText(a) + " |";
    for (const std::string& s : scenarios) {
      std::vector<std::string> cells;
      for (const ReportedRun& r : runs) {
        const RunRecord& run = r.record;
        if (run.scenario_name != s || OrUnknown(run.activator) != a) continue;
        std::vector<std::string> caught = FailedInvariants(run);
        RunSummary sum = Summarize(run);
        cells.push_back(!caught.empty()       ? fmt::format("{}", fmt::join(caught, ", "))
                        : sum.infra_error > 0 ? "infra error"
                                              : "pass");
      }
      md += fmt::format(" {} |", MarkdownText(fmt::format("{}", fmt::join(cells, "; "))));
    }
    md += "\n";
  }
}

void Environment(std::string& md, std::span<const ReportedRun> runs) {
  auto hosts = [](const RunRecord& r) {
    std::vector<std::string> uris;
    for (const HostRecord& h : r.hosts) uris.push_back(h.uri);
    if (uris.empty()) uris.push_back(r.uri);
    return uris;
  };
  auto accelerators = [](const RunRecord& r) {
    std::vector<std::string> names;
    for (const HostRecord& h : r.hosts) {
      if (!h.virt_type.empty()) names.push_back(AcceleratorOf(h.virt_type));
    }
    if (names.empty()) names.push_back(AcceleratorOf(r.virt_type));
    return names;
  };
  auto field = [](auto f) {
    return [f](const RunRecord& r) { return std::vector<std::string>{OrUnknown(f(r))}; };
  };
  auto list = [](const std::vector<std::string>& v) {
    std::vector<std::string> escaped;
    for (const std::string& s : v) escaped.push_back(MarkdownText(s));
    return fmt::format("{}", fmt::join(escaped, ", "));
  };
  md += "\n## Environment\n\n";
  md += "- hypervisor: " + list(Distinct(runs, hosts)) + "\n";
  md += "- accelerator: " + list(Distinct(runs, accelerators)) + "\n";
  md += "- guest image: " +
        list(Distinct(runs, field([](const RunRecord& r) { return r.image_key; }))) + "\n";
  md += "- system under test: " + list(Distinct(runs, field([](const RunRecord& r) {
                                                  return DescribeSut(r.guest_versions);
                                                }))) +
        "\n";
  md += "- guest NetworkManager: " + list(Distinct(runs, field([](const RunRecord& r) {
                                                     return r.guest_versions.network_manager;
                                                   }))) +
        "\n";
  md += "- guest systemd: " +
        list(Distinct(runs, field([](const RunRecord& r) { return r.guest_versions.systemd; }))) +
        "\n";
  md += "- guest kernel: " +
        list(Distinct(runs, field([](const RunRecord& r) { return r.guest_versions.kernel; }))) +
        "\n";
  md += "- bootstorm: " + list(Distinct(runs, field([](const RunRecord& r) {
                                          return r.bootstorm_version.empty()
                                                     ? std::string()
                                                     : r.bootstorm_version + " (" +
                                                           r.bootstorm_commit + ")";
                                        }))) +
        "\n";
  md += "\n## Runs\n\n";
  for (const ReportedRun& r : runs) {
    const RunRecord& run = r.record;
    md +=
        fmt::format("- {}: run {} started {}, {:.0f} s{}, in {}\n", MarkdownText(run.scenario_name),
                    MarkdownText(run.run_id), MarkdownText(run.started_at), run.wall_seconds,
                    run.resumes > 0 ? fmt::format(", resumed {} times", run.resumes) : "",
                    CodeSpan(r.dir.string()));
  }
}

}  // namespace

std::string MarkdownText(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>|&#~!";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (u < 0x20 || u == 0x7F) {
      continue;
    } else {
      if (kSpecial.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string RenderMarkdownReport(std::span<const ReportedRun> runs, std::string_view title) {
  std::string md = fmt::format("# {}\n\n", MarkdownText(title));
  std::vector<std::string> not_met, lines;
  for (const ReportedRun& r : runs) {
    ExpectationVerdict v = JudgeExpectation(r.record);
    if (!v.met()) not_met.push_back(MarkdownText(r.record.scenario_name));
    lines.push_back(fmt::format("- {}: {}\n", MarkdownText(r.record.scenario_name),
                                MarkdownText(DescribeExpectation(v))));
  }
  md += not_met.empty()
            ? fmt::format("**Verdict: every scenario met its expectation ({} of {}).**\n\n",
                          runs.size(), runs.size())
            : fmt::format("**Verdict: {} of {} scenarios did not meet their expectation: {}.**\n\n",
                          not_met.size(), runs.size(), fmt::join(not_met, ", "));
  md += fmt::format("{}\n", fmt::join(lines, ""));
  ScenarioTable(md, runs);
  InvariantTable(md, runs);
  NotApplicableReasons(md, runs);
  SutFailures(md, runs);
  InfraErrors(md, runs);
  if (runs.size() > 1) DetectionMatrix(md, runs);
  Environment(md, runs);
  return md;
}

std::string RenderRunMarkdownReport(const RunRecord& run, const std::filesystem::path& run_dir) {
  ReportedRun r{run, run_dir};
  return RenderMarkdownReport(std::span<const ReportedRun>(&r, 1),
                              "bootstorm run: " + run.scenario_name);
}

}  // namespace bootstorm
