#include "junit_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <regex>

#include "expectation.h"
#include "rerun_commands.h"
#include "run_dir_path.h"
#include "run_statistics.h"
#include "xml_escape.h"

namespace bootstorm {
namespace {

/// The schema wants a local date and time without a zone; the run records UTC.
std::string JunitTimestamp(const std::string& started_at) {
  static const std::regex kIsoPrefix(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})");
  std::smatch m;
  return std::regex_search(started_at, m, kIsoPrefix) ? m.str() : "1970-01-01T00:00:00";
}

std::string VersionOrUnknown(const std::string& v) { return v.empty() ? "unknown" : v; }

/// One <testcase>, and whether it failed or erred.
struct TestCase {
  std::string classname;
  std::string name;
  double seconds = 0;
  /// kSkipped: no check of the boot applied, it judged nothing.
  enum { kPassed, kFailure, kError, kSkipped } result = kPassed;
  std::string type = {};     ///< of the failure or error
  std::string message = {};  ///< one line; a skipped case's only text
  std::string details = {};  ///< the element's text
  /// Infra errors of earlier attempts, retried with the same plan: Surefire's
  /// flakyError when the case passed, rerunError when it failed or erred.
  std::vector<std::string> retried_infra_errors = {};
  std::string output = {};  ///< the case's system-out
};

/// A retried attempt as Surefire writes a rerun: message, type and a
/// stackTrace (required by its schema) that says what happened.
std::string RenderRetriedAttempt(const char* element, int attempt, int attempts,
                                 const std::string& infra_error) {
  return fmt::format(
      "      <{} message=\"{}\" type=\"infra-error\">\n        <stackTrace>attempt {} of {}: "
      "infra error (not a failure of the system under test), retried with the same plan: "
      "{}\n</stackTrace>\n      </{}>\n",
      element, XmlEscape(infra_error), attempt, attempts, XmlEscape(infra_error), element);
}

std::string Render(const TestCase& t) {
  std::string xml = fmt::format(R"(    <testcase classname="{}" name="{}" time="{:.3f}")",
                                XmlEscape(t.classname), XmlEscape(t.name), t.seconds);
  if (t.result == TestCase::kPassed && t.retried_infra_errors.empty() && t.output.empty())
    return xml + "/>\n";
  xml += ">\n";
  if (t.result == TestCase::kSkipped) {
    xml += fmt::format("      <skipped message=\"{}\"/>\n", XmlEscape(t.message));
  } else if (t.result != TestCase::kPassed) {
    const char* element = t.result == TestCase::kFailure ? "failure" : "error";
    xml += fmt::format("      <{} type=\"{}\" message=\"{}\">{}</{}>\n", element, XmlEscape(t.type),
                       XmlEscape(t.message), XmlEscape(t.details), element);
  }
  // The recorded attempt is the last one; the retried ones came before it.
  int attempts = static_cast<int>(t.retried_infra_errors.size()) + 1;
  for (std::size_t i = 0; i < t.retried_infra_errors.size(); ++i)
    xml += RenderRetriedAttempt(t.result == TestCase::kPassed || t.result == TestCase::kSkipped
                                    ? "flakyError"
                                    : "rerunError",
                                static_cast<int>(i) + 1, attempts, t.retried_infra_errors[i]);
  if (!t.output.empty())
    xml += fmt::format("      <system-out>{}</system-out>\n", XmlEscape(t.output));
  return xml + "    </testcase>\n";
}

std::string Json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The failed checks of a boot as a failure's text: each with where it failed,
/// what was expected and seen, and how to rerun it.
std::string FailedChecksText(const ReportedRun& r, const VmRecord& vm, const BootRecord& boot) {
  std::string text;
  for (const CheckResult& c : boot.checks) {
    if (!CheckFailed(c)) continue;
    text += fmt::format("{}: {}\ncheckpoint: {}\nexpected: {}\nactual: {}\n", c.name, c.message,
                        c.checkpoint, Json(c.expected), Json(c.actual));
  }
  return text + fmt::format("console: {}\nreplay: {}\nshrink: {}\n", boot.console_log,
                            ReplayCommandLine(r.dir, vm.vm, boot.boot),
                            ShrinkCommandLine(r.dir, vm.vm));
}

/// What a boot's case records beyond its result, one line each: in a detect
/// run the checks that caught the activator, the checks that did not apply
/// (neither pass nor failure) and retried infra errors before a recorded pass
/// or failure (flaky infrastructure).
std::vector<std::string> BootNotes(bool detect, const BootRecord& boot) {
  std::vector<std::string> notes;
  if (detect && boot.outcome == Outcome::kSutFailure) {
    for (const CheckResult& c : boot.checks) {
      if (CheckFailed(c))
        notes.push_back(fmt::format("caught by {} at {}: {}", c.name, c.checkpoint, c.message));
    }
  }
  if (boot.outcome != Outcome::kInfraError) {
    for (const CheckResult& c : boot.checks) {
      if (!c.applicable) notes.push_back(fmt::format("{} not applicable: {}", c.name, c.message));
    }
  }
  if (!boot.retried_infra_errors.empty() && boot.outcome != Outcome::kInfraError)
    notes.push_back(fmt::format("flaky infrastructure: {} after {} retried infra error{}: {}",
                                OutcomeName(boot.outcome), boot.retried_infra_errors.size(),
                                boot.retried_infra_errors.size() == 1 ? "" : "s",
                                fmt::join(boot.retried_infra_errors, "; ")));
  return notes;
}

/// A boot case's system-out: its notes, then its console logs as
/// attachments (Jenkins' junit-attachments and GitLab read them per case),
/// each path the run folder as given joined with the recorded name, so a
/// relative run folder gives a path relative to where bootstorm ran (GitLab
/// resolves it against $CI_PROJECT_DIR). GitLab links only the first: the
/// log of the boot the checks judged, before an interrupted part's.
std::string BootOutput(const ReportedRun& r, const BootRecord& boot) {
  std::string out;
  for (const std::string& note : BootNotes(r.record.expect == Expect::kDetect, boot))
    out += note + "\n";
  for (const std::string* log : {&boot.console_log, &boot.interrupted_console_log}) {
    if (StaysInside(*log)) out += fmt::format("[[ATTACHMENT|{}]]\n", (r.dir / *log).string());
  }
  return out;
}

/// One case per boot, timed by the boot (domain start to verdict): the
/// checks judge the same boot and have no time of their own. In a detect
/// run a boot that failed a check caught the activator: a passing case; the
/// run's "expectation" case says whether any boot did. A boot none of whose
/// checks applied judged nothing: a skipped case, never a pass.
void AddBootCase(const ReportedRun& r, const VmRecord& vm, const BootRecord& boot,
                 const std::string& classname, std::vector<TestCase>& cases) {
  TestCase t{classname, fmt::format("boot-{}", boot.boot), boot.seconds};
  t.retried_infra_errors = boot.retried_infra_errors;
  t.output = BootOutput(r, boot);
  if (boot.outcome == Outcome::kInfraError) {
    t.result = TestCase::kError;
    t.type = "infra-error";
    t.message = boot.infra_error;
    t.details =
        fmt::format("infra error (not a failure of the system under test): {}\n", boot.infra_error);
    for (const std::string& e : boot.retried_infra_errors)
      t.details += fmt::format("earlier attempt: {}\n", e);
    t.details += fmt::format("console: {}\n", boot.console_log);
  } else if (boot.outcome == Outcome::kSutFailure && r.record.expect != Expect::kDetect) {
    std::vector<std::string> failed;
    for (const CheckResult& c : boot.checks) {
      if (CheckFailed(c)) failed.push_back(c.name);
    }
    t.result = TestCase::kFailure;
    t.type = fmt::format("{}", fmt::join(failed, ","));
    t.message = fmt::format("{} failed", fmt::join(failed, ", "));
    t.details = FailedChecksText(r, vm, boot);
  } else if (!boot.checks.empty() &&
             std::none_of(boot.checks.begin(), boot.checks.end(),
                          [](const CheckResult& c) { return c.applicable; })) {
    std::vector<std::string> reasons;
    for (const CheckResult& c : boot.checks)
      reasons.push_back(fmt::format("{}: {}", c.name, c.message));
    t.result = TestCase::kSkipped;
    t.message = fmt::format("not applicable: {}", fmt::join(reasons, "; "));
  }
  cases.push_back(std::move(t));
}

/// A detect run's case for its expectation: passes when the known-bad
/// activator was caught, fails when every VM passed, errs when infra errors
/// left it undecided.
TestCase ExpectationCase(const ReportedRun& r, const ExpectationVerdict& v) {
  TestCase t{"bootstorm." + r.record.scenario_name, "expectation", 0};
  if (v.status == ExpectationStatus::kMet) return t;
  t.result = v.status == ExpectationStatus::kNotMet ? TestCase::kFailure : TestCase::kError;
  t.type = v.status == ExpectationStatus::kNotMet ? "not-caught" : "infra-error";
  t.message = DescribeExpectation(v);
  t.details = t.message + "\n";
  return t;
}

std::vector<TestCase> CasesOf(const ReportedRun& r) {
  const RunRecord& run = r.record;
  std::string prefix = "bootstorm." + run.scenario_name;
  std::string why_not_run = run.interrupted ? "the run was interrupted (" + run.interrupted_by + ")"
                            : run.setup_error.empty() ? "the run ended before it"
                                                      : "setup failed: " + run.setup_error;
  std::vector<TestCase> cases;
  std::vector<bool> recorded(std::max<std::size_t>(run.vms_planned, 0), false);
  for (const VmRecord& vm : run.vms) {
    if (vm.vm >= 0 && static_cast<std::size_t>(vm.vm) < recorded.size()) recorded[vm.vm] = true;
    std::string classname = fmt::format("{}.vm-{:03}", prefix, vm.vm);
    for (const BootRecord& boot : vm.boots) AddBootCase(r, vm, boot, classname, cases);
    if (vm.incomplete)
      cases.push_back(
          {classname, "boots-not-run", 0, TestCase::kError, "infra-error",
           "boots after boot " + std::to_string(vm.boots.size()) + " did not run: " + why_not_run,
           "infra error: " + why_not_run + "\n"});
  }
  for (std::size_t vm = 0; vm < recorded.size(); ++vm) {
    if (recorded[vm]) continue;
    cases.push_back({fmt::format("{}.vm-{:03}", prefix, vm), "not-run", 0, TestCase::kError,
                     "infra-error", "the VM did not run: " + why_not_run,
                     "infra error: " + why_not_run + "\n"});
  }
  if (run.expect == Expect::kDetect) cases.push_back(ExpectationCase(r, JudgeExpectation(run)));
  return cases;
}

/// The suite's system-out: the run and its verdict, then each boot's notes
/// (what caught a detection, flaky infrastructure) for readers that show
/// only the suite's output. The attachments are the cases'.
std::string SuiteOutput(const ReportedRun& r, const ExpectationVerdict& verdict) {
  const RunRecord& run = r.record;
  std::string out =
      fmt::format("run {} in {}: {} VMs, {} boots recorded\n{}\n", run.run_id, r.dir.string(),
                  run.vms_planned, TallyBoots(run).boots, DescribeExpectation(verdict));
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& boot : vm.boots) {
      for (const std::string& note : BootNotes(verdict.detect, boot))
        out += fmt::format("vm {} boot {}: {}\n", vm.vm, boot.boot, note);
    }
  }
  return out;
}

std::string RenderSuite(const ReportedRun& r, int id) {
  const RunRecord& run = r.record;
  std::vector<TestCase> cases = CasesOf(r);
  int failures = 0, errors = 0, skipped = 0;
  for (const TestCase& t : cases) {
    failures += t.result == TestCase::kFailure;
    errors += t.result == TestCase::kError;
    skipped += t.result == TestCase::kSkipped;
  }
  std::vector<std::pair<std::string, std::string>> properties = {
      {"run_id", run.run_id},
      {"scenario_file", run.scenario_file},
      {"activator", run.activator.empty() ? "unknown" : run.activator},
      {"expect", std::string(ExpectName(run.expect))},
      {"hypervisor", run.uri},
      {"accelerator", AcceleratorOf(run.virt_type)},
      {"image_key", VersionOrUnknown(run.image_key)},
      {"system_under_test", VersionOrUnknown(DescribeSut(run.guest_versions))},
      {"guest_network_manager", VersionOrUnknown(run.guest_versions.network_manager)},
      {"guest_systemd", VersionOrUnknown(run.guest_versions.systemd)},
      {"started_at", run.started_at},
  };
  ExpectationVerdict verdict = JudgeExpectation(run);
  properties.emplace_back("expectation", DescribeExpectation(verdict));
  if (verdict.detect && verdict.met())
    properties.emplace_back("caught_by", fmt::format("{}", fmt::join(verdict.caught_by, ",")));
  if (run.interrupted) properties.emplace_back("interrupted_by", run.interrupted_by);
  if (!run.setup_error.empty()) properties.emplace_back("setup_error", run.setup_error);

  std::string name = "bootstorm." + run.scenario_name;
  std::string xml = fmt::format(
      "  <testsuite name=\"{}\" package=\"bootstorm\" id=\"{}\" timestamp=\"{}\" "
      "hostname=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n    <properties>\n",
      XmlEscape(name), id, JunitTimestamp(run.started_at),
      XmlEscape(run.uri.empty() ? "localhost" : run.uri), cases.size(), failures, errors, skipped,
      run.wall_seconds);
  for (const auto& [key, value] : properties)
    xml += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", key, XmlEscape(value));
  xml += "    </properties>\n";
  for (const TestCase& t : cases) xml += Render(t);
  xml += fmt::format(
      "    <system-out>{}</system-out>\n    <system-err></system-err>\n  </testsuite>\n",
      XmlEscape(SuiteOutput(r, verdict)));
  return xml;
}

}  // namespace

std::string RenderJunitReport(std::span<const ReportedRun> runs) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (std::size_t i = 0; i < runs.size(); ++i) xml += RenderSuite(runs[i], static_cast<int>(i));
  return xml + "</testsuites>\n";
}

std::string RenderRunJunitReport(const RunRecord& run, const std::filesystem::path& run_dir) {
  ReportedRun r{run, run_dir};
  return RenderJunitReport(std::span<const ReportedRun>(&r, 1));
}

}  // namespace bootstorm
