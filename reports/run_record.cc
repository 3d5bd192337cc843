#include "run_record.h"

#include <algorithm>

#include "strict_json.h"

namespace bootstorm {

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kSutFailure:
      return "sut_failure";
    case Outcome::kInfraError:
      return "infra_error";
  }
  return "unknown";
}

std::optional<Outcome> OutcomeFromName(std::string_view name) {
  for (Outcome o : {Outcome::kPass, Outcome::kSutFailure, Outcome::kInfraError}) {
    if (OutcomeName(o) == name) return o;
  }
  return std::nullopt;
}

Outcome BootOutcomeFromChecks(const std::vector<CheckResult>& checks) {
  bool failed = std::any_of(checks.begin(), checks.end(), [](const auto& c) { return !c.passed; });
  return failed ? Outcome::kSutFailure : Outcome::kPass;
}

Outcome VmOutcome(const VmRecord& vm) {
  if (vm.boots.empty()) return Outcome::kInfraError;
  auto any = [&](Outcome o) {
    return std::any_of(vm.boots.begin(), vm.boots.end(),
                       [o](const auto& b) { return b.outcome == o; });
  };
  if (any(Outcome::kSutFailure)) return Outcome::kSutFailure;
  if (any(Outcome::kInfraError) || vm.incomplete) return Outcome::kInfraError;
  return Outcome::kPass;
}

RunSummary Summarize(const RunRecord& run) {
  RunSummary s;
  for (const VmRecord& vm : run.vms) {
    switch (VmOutcome(vm)) {
      case Outcome::kPass:
        ++s.pass;
        break;
      case Outcome::kSutFailure:
        ++s.sut_failure;
        break;
      case Outcome::kInfraError:
        ++s.infra_error;
        break;
    }
  }
  int missing = run.vms_planned - static_cast<int>(run.vms.size());
  if (missing > 0) s.infra_error += missing;
  return s;
}

int ExitCodeFor(const RunSummary& s) {
  if (s.sut_failure > 0) return 1;
  if (s.infra_error > 0) return 3;
  return 0;
}

nlohmann::json ToJson(const CheckResult& c) {
  return {{"name", c.name},
          {"verdict", c.passed ? "pass" : "fail"},
          {"checkpoint", c.checkpoint},
          {"expected", c.expected},
          {"actual", c.actual},
          {"message", c.message}};
}

nlohmann::json ToJson(const BootRecord& b) {
  nlohmann::json observations = nlohmann::json::array();
  for (const Observation& o : b.observations) observations.push_back(ToJson(o));
  nlohmann::json checks = nlohmann::json::array();
  for (const CheckResult& c : b.checks) checks.push_back(ToJson(c));
  nlohmann::json j = {{"boot", b.boot},
                      {"plan", ToJson(b.plan)},
                      {"outcome", OutcomeName(b.outcome)},
                      {"checks", checks},
                      {"observations", observations},
                      {"seconds", b.seconds},
                      {"console_log", b.console_log}};
  if (!b.infra_error.empty()) j["infra_error"] = b.infra_error;
  if (!b.interrupted_console_log.empty()) j["interrupted_console_log"] = b.interrupted_console_log;
  if (!b.retried_infra_errors.empty()) j["retried_infra_errors"] = b.retried_infra_errors;
  if (!b.injections.empty()) {
    nlohmann::json injections = nlohmann::json::array();
    for (const FaultInjection& f : b.injections) injections.push_back(ToJson(f));
    j["injections"] = injections;
  }
  return j;
}

nlohmann::json ToJson(const VmRecord& v) {
  nlohmann::json boots = nlohmann::json::array();
  for (const BootRecord& b : v.boots) boots.push_back(ToJson(b));
  nlohmann::json j = {{"vm", v.vm},
                      {"domain", v.domain},
                      {"uri", v.uri},
                      {"outcome", OutcomeName(VmOutcome(v))},
                      {"boots", boots}};
  if (v.incomplete) j["incomplete"] = true;
  return j;
}

nlohmann::json ToJson(const HostRecord& h) {
  nlohmann::json j = {{"uri", h.uri}, {"weight", h.weight}, {"virt_type", h.virt_type},
                      {"vms", h.vms}, {"jobs", h.jobs},     {"upload_seconds", h.upload_seconds}};
  if (!h.setup_error.empty()) j["setup_error"] = h.setup_error;
  return j;
}

nlohmann::json ToJson(const RunRecord& r) {
  RunSummary s = Summarize(r);
  nlohmann::json vms = nlohmann::json::array();
  for (const VmRecord& v : r.vms) vms.push_back(ToJson(v));
  nlohmann::json hosts = nlohmann::json::array();
  for (const HostRecord& h : r.hosts) hosts.push_back(ToJson(h));
  nlohmann::json j = {
      {"schema_version", kResultsSchemaVersion},
      {"run_id", r.run_id},
      {"scenario", {{"name", r.scenario_name}, {"file", r.scenario_file}}},
      {"hypervisor", {{"uri", r.uri}, {"virt_type", r.virt_type}}},
      {"hosts", hosts},
      {"started_at", r.started_at},
      {"wall_seconds", r.wall_seconds},
      {"interrupted", r.interrupted},
      {"resumes", r.resumes},
      {"summary",
       {{"pass", s.pass}, {"sut_failure", s.sut_failure}, {"infra_error", s.infra_error}}},
      {"vms", vms}};
  if (!r.setup_error.empty()) j["setup_error"] = r.setup_error;
  if (r.interrupted) j["interrupted_by"] = r.interrupted_by;
  return j;
}

CheckResult CheckResultFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  CheckResult c;
  c.name = o.String("name");
  std::string verdict = o.String("verdict");
  if (verdict != "pass" && verdict != "fail")
    throw JsonPathError(o.PathOf("verdict"),
                        "expected \"pass\" or \"fail\", got \"" + verdict + "\"");
  c.passed = verdict == "pass";
  c.checkpoint = o.String("checkpoint");
  c.expected = o.Member("expected");
  c.actual = o.Member("actual");
  c.message = o.String("message");
  o.Finish();
  return c;
}

nlohmann::json ToJson(const FaultInjection& f) {
  return {{"kind", f.kind}, {"at_seconds", f.at_seconds}, {"what", f.what}};
}

FaultInjection FaultInjectionFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  FaultInjection f;
  f.kind = o.String("kind");
  f.at_seconds = o.Number("at_seconds", 0, 1e9);
  f.what = o.String("what");
  o.Finish();
  return f;
}

BootRecord BootRecordFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  BootRecord b;
  b.boot = static_cast<int>(o.Integer("boot", 1, kMaxBoots));
  b.plan = BootPlanFromJson(o.Member("plan"), o.PathOf("plan"));
  std::string outcome = o.String("outcome");
  std::optional<Outcome> parsed = OutcomeFromName(outcome);
  if (!parsed) throw JsonPathError(o.PathOf("outcome"), "unknown outcome \"" + outcome + "\"");
  b.outcome = *parsed;
  b.infra_error = o.OptionalString("infra_error").value_or("");
  if (const nlohmann::json* retried = o.OptionalArray("retried_infra_errors"))
    b.retried_infra_errors = StringsOf(*retried, o.PathOf("retried_infra_errors"));
  const nlohmann::json& observations = o.Array("observations");
  for (std::size_t i = 0; i < observations.size(); ++i)
    b.observations.push_back(
        ObservationFromJson(observations[i], ElementPath(o.PathOf("observations"), i)));
  if (const nlohmann::json* injections = o.OptionalArray("injections")) {
    for (std::size_t i = 0; i < injections->size(); ++i)
      b.injections.push_back(
          FaultInjectionFromJson((*injections)[i], ElementPath(o.PathOf("injections"), i)));
  }
  const nlohmann::json& checks = o.Array("checks");
  for (std::size_t i = 0; i < checks.size(); ++i)
    b.checks.push_back(CheckResultFromJson(checks[i], ElementPath(o.PathOf("checks"), i)));
  b.seconds = o.Number("seconds", 0, 1e9);
  b.console_log = o.String("console_log");
  b.interrupted_console_log = o.OptionalString("interrupted_console_log").value_or("");
  o.Finish();
  return b;
}

}  // namespace bootstorm
