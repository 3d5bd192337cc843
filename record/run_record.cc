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

CheckResult NotApplicable(std::string_view name, std::string reason) {
  CheckResult c;
  c.name = name;
  c.message = std::move(reason);
  c.applicable = false;
  return c;
}

Outcome BootOutcomeFromChecks(const std::vector<CheckResult>& checks) {
  bool failed = std::any_of(checks.begin(), checks.end(), CheckFailed);
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

std::string DescribeSut(const GuestVersions& v) {
  if (v.sut.empty()) return "";
  std::string text = v.sut;
  if (!v.cloud_init.empty()) text += " " + v.cloud_init;
  if (!v.suite.empty() || !v.cloud_init_origin.empty()) {
    text += " (" + v.suite;
    if (!v.suite.empty() && !v.cloud_init_origin.empty()) text += ", ";
    text += v.cloud_init_origin + ")";
  }
  return text;
}

nlohmann::json ToJson(const GuestVersions& v) {
  nlohmann::json j = {
      {"network_manager", v.network_manager}, {"systemd", v.systemd}, {"kernel", v.kernel}};
  // Written only when known, so records of images without sut.json stay as they were.
  if (!v.sut.empty()) j["sut"] = v.sut;
  if (!v.suite.empty()) j["suite"] = v.suite;
  if (!v.cloud_init.empty()) j["cloud_init"] = v.cloud_init;
  if (!v.cloud_init_origin.empty()) j["cloud_init_origin"] = v.cloud_init_origin;
  return j;
}

GuestVersions GuestVersionsFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject g(j, path);
  GuestVersions v;
  v.network_manager = g.String("network_manager");
  v.systemd = g.String("systemd");
  v.kernel = g.OptionalString("kernel").value_or("");
  v.sut = g.OptionalString("sut").value_or("");
  v.suite = g.OptionalString("suite").value_or("");
  v.cloud_init = g.OptionalString("cloud_init").value_or("");
  v.cloud_init_origin = g.OptionalString("cloud_init_origin").value_or("");
  g.Finish();
  return v;
}

nlohmann::json ToJson(const CheckResult& c) {
  nlohmann::json j = {{"name", c.name},
                      {"verdict", c.unknown  ? "unknown"
                                  : c.passed ? "pass"
                                             : "fail"},
                      {"checkpoint", c.checkpoint},
                      {"expected", c.expected},
                      {"actual", c.actual},
                      {"message", c.message}};
  // Only when false, so records of applicable checks keep their layout.
  if (!c.applicable) j["applicable"] = false;
  return j;
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
      {"scenario",
       {{"name", r.scenario_name},
        {"file", r.scenario_file},
        {"activator", r.activator},
        {"expect", ExpectName(r.expect)}}},
      {"hypervisor", {{"uri", r.uri}, {"virt_type", r.virt_type}}},
      {"environment",
       {{"image_key", r.image_key},
        {"guest", ToJson(r.guest_versions)},
        {"bootstorm", {{"version", r.bootstorm_version}, {"commit", r.bootstorm_commit}}}}},
      {"hosts", hosts},
      {"started_at", r.started_at},
      {"wall_seconds", r.wall_seconds},
      {"interrupted", r.interrupted},
      {"resumes", r.resumes},
      {"vms_planned", r.vms_planned},
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
  if (verdict != "pass" && verdict != "fail" && verdict != "unknown")
    throw JsonPathError(o.PathOf("verdict"),
                        "expected \"pass\", \"fail\" or \"unknown\", got \"" + verdict + "\"");
  c.passed = verdict == "pass";
  c.unknown = verdict == "unknown";
  c.checkpoint = o.String("checkpoint");
  c.expected = o.Member("expected");
  c.actual = o.Member("actual");
  c.message = o.String("message");
  c.applicable = o.OptionalBoolean("applicable").value_or(true);
  if (!c.applicable && verdict != "fail")
    throw JsonPathError(o.PathOf("applicable"),
                        "a check that does not apply has no verdict: \"verdict\" must be "
                        "\"fail\" with \"applicable\": false, not \"" +
                            verdict + "\"");
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
  if (observations.size() > kMaxObservationsPerBoot)
    throw JsonPathError(
        o.PathOf("observations"),
        "more than " + std::to_string(kMaxObservationsPerBoot) + " observations in one boot");
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

VmRecord VmRecordFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  VmRecord v;
  v.vm = static_cast<int>(o.Integer("vm", 0, kMaxVms - 1));
  v.domain = o.String("domain");
  v.uri = o.String("uri");
  o.Ignore("outcome");  // derived from the boots
  const nlohmann::json& boots = o.Array("boots");
  for (std::size_t i = 0; i < boots.size(); ++i)
    v.boots.push_back(BootRecordFromJson(boots[i], ElementPath(o.PathOf("boots"), i)));
  v.incomplete = o.OptionalBoolean("incomplete").value_or(false);
  o.Finish();
  return v;
}

HostRecord HostRecordFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  HostRecord h;
  h.uri = o.String("uri");
  h.weight = static_cast<int>(o.Integer("weight", 1, 1'000'000));
  h.virt_type = o.String("virt_type");
  h.vms = static_cast<int>(o.Integer("vms", 0, kMaxVms));
  h.jobs = static_cast<int>(o.Integer("jobs", 0, kMaxVms));
  h.upload_seconds = o.Number("upload_seconds", 0, 1e9);
  h.setup_error = o.OptionalString("setup_error").value_or("");
  o.Finish();
  return h;
}

namespace {

/// Schema 1 did not record vms_planned: its summary counted planned VMs
/// never recorded as infra errors, so the counts add up to the planned VMs
/// (or the recorded ones, when more).
int VmsPlannedFromSummary(StrictObject& o) {
  StrictObject s(o.Member("summary"), o.PathOf("summary"));
  long long total = 0;
  for (const char* key : {"pass", "sut_failure", "infra_error"})
    total += s.Integer(key, 0, kMaxVms);
  s.Finish();
  return static_cast<int>(total);
}

}  // namespace

RunRecord RunRecordFromJson(const nlohmann::json& j, const std::string& path) {
  StrictObject o(j, path);
  long long version = o.Integer("schema_version", 1, 1'000'000);
  if (version > kResultsSchemaVersion)
    throw JsonPathError(o.PathOf("schema_version"), "this bootstorm reads versions 1 to " +
                                                        std::to_string(kResultsSchemaVersion) +
                                                        ", not " + std::to_string(version));
  RunRecord r;
  r.run_id = o.String("run_id");
  {
    StrictObject s(o.Member("scenario"), o.PathOf("scenario"));
    r.scenario_name = s.String("name");
    r.scenario_file = s.String("file");
    r.activator = s.OptionalString("activator").value_or("");
    std::string expect = s.OptionalString("expect").value_or("pass");
    std::optional<Expect> parsed = ExpectFromName(expect);
    if (!parsed) throw JsonPathError(s.PathOf("expect"), ExpectNameError(expect));
    r.expect = *parsed;
    s.Finish();
  }
  {
    StrictObject h(o.Member("hypervisor"), o.PathOf("hypervisor"));
    r.uri = h.String("uri");
    r.virt_type = h.String("virt_type");
    h.Finish();
  }
  if (o.Has("environment")) {
    StrictObject e(o.Member("environment"), o.PathOf("environment"));
    r.image_key = e.String("image_key");
    r.guest_versions = GuestVersionsFromJson(e.Member("guest"), e.PathOf("guest"));
    if (e.Has("bootstorm")) {
      StrictObject b(e.Member("bootstorm"), e.PathOf("bootstorm"));
      r.bootstorm_version = b.String("version");
      r.bootstorm_commit = b.String("commit");
      b.Finish();
    }
    e.Finish();
  }
  const nlohmann::json& hosts = o.Array("hosts");
  for (std::size_t i = 0; i < hosts.size(); ++i)
    r.hosts.push_back(HostRecordFromJson(hosts[i], ElementPath(o.PathOf("hosts"), i)));
  r.started_at = o.String("started_at");
  r.wall_seconds = o.Number("wall_seconds", 0, 1e9);
  r.interrupted = o.Boolean("interrupted");
  r.interrupted_by = o.OptionalString("interrupted_by").value_or("");
  r.setup_error = o.OptionalString("setup_error").value_or("");
  r.resumes = static_cast<int>(o.Integer("resumes", 0, 1'000'000));
  std::optional<long long> planned = o.OptionalInteger("vms_planned", 0, kMaxVms);
  r.vms_planned = planned ? static_cast<int>(*planned) : VmsPlannedFromSummary(o);
  o.Ignore("summary");  // derived from the VMs
  const nlohmann::json& vms = o.Array("vms");
  for (std::size_t i = 0; i < vms.size(); ++i)
    r.vms.push_back(VmRecordFromJson(vms[i], ElementPath(o.PathOf("vms"), i)));
  o.Finish();
  return r;
}

}  // namespace bootstorm
