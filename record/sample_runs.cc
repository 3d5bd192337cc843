#include "sample_runs.h"

namespace bootstorm {

RunRecord SampleRun() {
  RunRecord run;
  run.run_id = "0a1b2c3d";
  run.scenario_name = "sample";
  run.scenario_file = "scenarios/sample.json";
  run.activator = "legacy-interfaces";
  run.expect = Expect::kPass;
  run.uri = "qemu:///system";
  run.virt_type = "qemu";
  run.image_key = "a75c82de821b5483";
  run.guest_versions.network_manager = "1.42.4-1+deb12u1";
  run.guest_versions.systemd = "252.39-1~deb12u2";
  run.started_at = "2026-11-25T06:00:00Z";
  run.wall_seconds = 123.5;
  run.vms_planned = 3;
  run.hosts.push_back({"qemu:///system", 1, "qemu", 3, 2, 1.5, ""});

  CheckResult ok_resolv{"resolv-conf-intact", true, "", nullptr, nullptr, "intact"};
  CheckResult ok_dns{"nm-dns-none", true, "", nullptr, nullptr, "none"};
  CheckResult bad_resolv{"resolv-conf-intact",
                         false,
                         "early",
                         {{"nameservers", {"192.0.2.53"}}},
                         {{"nameservers", {kHostileText}}},
                         "at early: " + kHostileText};
  VmRecord vm0{0, "bootstorm-0a1b2c3d-vm000", {}, "qemu:///system"};
  BootRecord b1;
  b1.boot = 1;
  b1.outcome = Outcome::kPass;
  b1.checks = {ok_resolv, ok_dns};
  b1.seconds = 40;
  b1.console_log = "vm-000/boot-1.console.log";
  BootRecord b2 = b1;
  b2.boot = 2;
  b2.outcome = Outcome::kSutFailure;
  b2.checks = {bad_resolv, ok_dns};
  b2.console_log = "vm-000/boot-2.console.log";
  vm0.boots = {b1, b2};

  VmRecord vm1{1, "bootstorm-0a1b2c3d-vm001", {}, "qemu:///system"};
  BootRecord infra;
  infra.boot = 1;
  infra.outcome = Outcome::kInfraError;
  infra.infra_error = "domain died: " + kHostileText;
  infra.retried_infra_errors = {"libvirt connection lost"};
  infra.seconds = 12;
  infra.console_log = "vm-001/boot-1.console.log";
  vm1.boots = {infra};
  run.vms = {vm0, vm1};
  return run;
}

RunRecord SampleRunWithNotApplicable() {
  RunRecord run = SampleRun();
  for (BootRecord& b : run.vms[0].boots)
    b.checks.push_back(NotApplicable("atomic-write", kNotApplicableReason));
  return run;
}

std::filesystem::path RecordedRunDir() {
  return std::filesystem::path(BOOTSTORM_REPORTS_TESTDATA) / "recorded-run";
}

}  // namespace bootstorm
