// bootstorm: the command line.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <thread>

#include "build_info.h"
#include "cancellation.h"
#include "command.h"
#include "exit_code.h"

namespace bootstorm {
namespace {

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

/// Runs the command given on the command line; every outcome is an
/// ExitCode (docs/EXIT_CODES.md): BadInput is a usage error, any other
/// exception infra trouble.
ExitCode Main(int argc, char** argv) {
  CLI::App app{"bootstorm: boots VMs through libvirt and checks NetworkManager activation races"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       fmt::format("bootstorm {} ({})", kBootstormVersion, kBootstormCommit));
  std::vector<Command> commands = {
      RegisterRunCommand(app),    RegisterVerifyCommand(app), RegisterReplayCommand(app),
      RegisterShrinkCommand(app), RegisterReportCommand(app), RegisterGcCommand(app),
      RegisterDoctorCommand(app), RegisterTrendCommand(app),  RegisterRecheckCommand(app),
      RegisterImageCommand(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitCode::kPass : ExitCode::kUsage;
  }

  // A closed stdout (a pipe whose reader died: a CI runner, `| head`) must
  // not kill the run before it removes its VMs: writes fail instead.
  signal(SIGPIPE, SIG_IGN);
  Cancellation cancellation;
  SignalWatcher signals(cancellation);
  try {
    for (const Command& command : commands) {
      if (*command.app) return command.run(cancellation);
    }
  } catch (const BadInput& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return ExitCode::kUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "infra error: {}\n", e.what());
    return ExitCode::kInfra;
  }
  return ExitCode::kUsage;
}

}  // namespace
}  // namespace bootstorm

int main(int argc, char** argv) { return bootstorm::ToInt(bootstorm::Main(argc, argv)); }
