// bootstorm: the command line.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <thread>

#include "cancellation.h"
#include "connect_option.h"
#include "doctor.h"
#include "gc_command.h"
#include "replay_command.h"
#include "report_command.h"
#include "resume_command.h"
#include "run_command.h"
#include "scenario.h"
#include "shrink_command.h"
#include "trend_command.h"
#include "verify_command.h"

#ifndef BOOTSTORM_DEFAULT_IMAGE_DIR
#define BOOTSTORM_DEFAULT_IMAGE_DIR "image"
#endif

namespace bootstorm {
namespace {

constexpr int kExitUsage = 2;
constexpr int kExitInfra = 3;

std::string DefaultUri() {
  for (const char* var : {"BOOTSTORM_CONNECT", "LIBVIRT_DEFAULT_URI"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "qemu:///system";
}

/// Turns SIGINT/SIGTERM into a cancellation on a thread of its own, so
/// teardown runs as ordinary code, not in a signal handler. The signals are
/// blocked in every thread created after construction.
class SignalWatcher {
 public:
  explicit SignalWatcher(Cancellation& cancellation) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR1);  // private: tells the watcher to exit
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, &cancellation] {
      for (;;) {
        int sig = 0;
        if (sigwait(&set_, &sig) != 0 || sig == SIGUSR1) return;
        fmt::print(stderr, "\n{}: stopping VMs and removing what this run created...\n",
                   sig == SIGINT ? "interrupt" : "terminated");
        cancellation.Cancel(sig == SIGINT ? "SIGINT" : "SIGTERM");
      }
    });
  }
  ~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};

}  // namespace
}  // namespace bootstorm

int main(int argc, char** argv) {
  using namespace bootstorm;
  CLI::App app{"bootstorm: boots VMs through libvirt and checks NetworkManager activation races"};
  app.require_subcommand(1);

  constexpr const char* kConnectHelp =
      "libvirt URI[,WEIGHT], repeatable: one per host, VMs spread by weight (1-1000, default 1); "
      "default $BOOTSTORM_CONNECT, $LIBVIRT_DEFAULT_URI, else qemu:///system";
  RunOptions run;
  std::vector<std::string> run_connect;
  run.image_dir = BOOTSTORM_DEFAULT_IMAGE_DIR;
  CLI::App* run_cmd = app.add_subcommand("run", "run a scenario");
  run_cmd->add_option("scenario", run.scenario, "scenario file (JSON)");
  run_cmd->add_option("--out", run.out, "run directory (default bootstorm-runs/<scenario>-<id>)");
  run_cmd->add_option("--connect", run_connect, kConnectHelp)->allow_extra_args(false);
  run_cmd->add_option("--image", run.image_dir, "guest image folder")->capture_default_str();
  run_cmd
      ->add_option("--jobs", run.jobs,
                   "VMs at once over all hosts, split by weight (default: per host from its CPUs "
                   "and free memory)")
      ->check(CLI::Range(1, 1024));
  run_cmd
      ->add_option("--retries", run.infra_retries,
                   "attempts after an infra error, with the same plan on the same disk state")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  run_cmd
      ->add_option("--timeout", run.timeout_seconds,
                   "stop the run after this many seconds, keeping its results (0: none)")
      ->check(CLI::Range(0, 7 * 86400));
  run_cmd->add_option("--activator", run.activator,
                      "override the scenario's activator (reference, legacy-interfaces, "
                      "legacy-final-restart, none)");
  ResumeOptions resume;
  CLI::Option* resume_opt = run_cmd->add_option(
      "--resume", resume.dir,
      "continue the killed or interrupted run in this folder (with --jobs, --timeout, --retries)");
  for (const char* fixed_by_the_run : {"scenario", "--out", "--connect", "--image", "--activator"})
    resume_opt->excludes(run_cmd->get_option(fixed_by_the_run));

  ReplayOptions replay;
  CLI::App* replay_cmd = app.add_subcommand(
      "replay", "rerun exactly the stored plans of one VM of a recorded run; say if it reproduced");
  replay_cmd->add_option("run_dir", replay.dir, "the recorded run's folder")->required();
  replay_cmd->add_option("--vm", replay.vm, "the VM to rerun")->required();
  replay_cmd->add_option("--boot", replay.boot,
                         "rerun boots 1 to this one (default: every recorded boot)");
  replay_cmd->add_option("--out", replay.out,
                         "run directory (default bootstorm-runs/<scenario>-replay-<id>)");
  replay_cmd->add_option("--connect", replay.connect,
                         "libvirt URI (default: the host the VM ran on)");

  ShrinkOptions shrink;
  CLI::App* shrink_cmd = app.add_subcommand(
      "shrink", "remove faults from a failed VM's plans while the failure reproduces (ddmin)");
  shrink_cmd->add_option("run_dir", shrink.dir, "the recorded run's folder")->required();
  shrink_cmd->add_option("--vm", shrink.vm, "the failed VM")->required();
  shrink_cmd->add_option(
      "--out", shrink.out,
      "folder of the trial runs (default bootstorm-runs/<scenario>-<run id>-vm<N>-shrink)");
  shrink_cmd->add_option("--connect", shrink.connect,
                         "libvirt URI (default: the host the VM ran on)");

  std::filesystem::path report_dir;
  CLI::App* report_cmd = app.add_subcommand(
      "report", "(re)write a run folder's reports (JUnit XML, Markdown) from its results.json");
  report_cmd->add_option("run_dir", report_dir, "the run's folder")->required();

  std::vector<std::filesystem::path> trend_dirs;
  std::filesystem::path trend_out = ".";
  CLI::App* trend_cmd = app.add_subcommand(
      "trend", "pass rate, bound and flaky failures across runs (trend.md, trend.html)");
  trend_cmd->add_option("run_dirs", trend_dirs, "the runs' folders")->required();
  trend_cmd->add_option("--out", trend_out, "folder for trend.md and trend.html (default .)");

  VerifyOptions verify;
  std::vector<std::string> verify_connect;
  verify.run.image_dir = BOOTSTORM_DEFAULT_IMAGE_DIR;
  CLI::App* verify_cmd = app.add_subcommand(
      "verify",
      "run every scenario of a suite (scenarios/suites/*.json) and write one combined report");
  verify_cmd->add_option("suite", verify.suite, "suite file (JSON)")->required();
  verify_cmd->add_option("--out", verify.out, "folder for the scenarios' runs and the report")
      ->required();
  verify_cmd->add_option("--connect", verify_connect, kConnectHelp)->allow_extra_args(false);
  verify_cmd->add_option("--image", verify.run.image_dir, "guest image folder")
      ->capture_default_str();
  verify_cmd->add_option("--jobs", verify.run.jobs, "VMs at once, as for run")
      ->check(CLI::Range(1, 1024));
  verify_cmd->add_option("--retries", verify.run.infra_retries, "as for run")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  verify_cmd
      ->add_option("--timeout", verify.run.timeout_seconds,
                   "limit of each scenario's run, in seconds (0: none)")
      ->check(CLI::Range(0, 7 * 86400));

  std::vector<std::string> gc_connect;
  CLI::App* gc_cmd =
      app.add_subcommand("gc", "remove domains, volumes and networks that dead runs left behind");
  gc_cmd->add_option("--connect", gc_connect, kConnectHelp)->allow_extra_args(false);

  std::string doctor_uri = DefaultUri();
  std::filesystem::path doctor_image = BOOTSTORM_DEFAULT_IMAGE_DIR;
  CLI::App* doctor_cmd = app.add_subcommand(
      "doctor", "check libvirt, KVM, the guest image, networks, memory and disk; say how to fix");
  doctor_cmd->add_option("--connect", doctor_uri, "libvirt URI")->capture_default_str();
  doctor_cmd->add_option("--image", doctor_image, "guest image folder")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }

  Cancellation cancellation;
  SignalWatcher signals(cancellation);
  try {
    if (*run_cmd && !resume.dir.empty()) {
      resume.jobs = run.jobs;
      resume.timeout_seconds = run.timeout_seconds;
      if (run_cmd->count("--retries")) resume.infra_retries = run.infra_retries;
      return ResumeRunCommand(resume, cancellation);
    }
    if (*run_cmd) {
      run.hosts = ParseConnectOptions(run_connect, DefaultUri());
      return RunScenarioCommand(run, cancellation);
    }
    if (*replay_cmd) return ReplayCommand(replay, cancellation);
    if (*shrink_cmd) return ShrinkCommand(shrink, cancellation);
    if (*report_cmd) return ReportCommand(report_dir);
    if (*trend_cmd) return TrendCommand(trend_dirs, trend_out);
    if (*verify_cmd) {
      verify.run.hosts = ParseConnectOptions(verify_connect, DefaultUri());
      return VerifyCommand(verify, cancellation);
    }
    if (*gc_cmd) return RunGcCommand(ParseConnectOptions(gc_connect, DefaultUri()));
    if (*doctor_cmd) return RunDoctorCommand(doctor_uri, doctor_image);
  } catch (const ScenarioError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitUsage;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "infra error: {}\n", e.what());
    return kExitInfra;
  }
  return kExitUsage;
}
