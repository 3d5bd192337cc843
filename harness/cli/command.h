// The commands of the bootstorm binary (gVisor runsc/cmd style): each file
// cli/<name>_cli.cc registers one subcommand with the flags it owns and
// returns how to run it; main.cc only registers, dispatches and exits.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cancellation.h"
#include "exit_code.h"

namespace bootstorm {

/// A registered subcommand: `app` is set after parsing when it was given;
/// `run` then does its work (BadInput: usage error, anything else: infra).
struct Command {
  CLI::App* app = nullptr;
  std::function<ExitCode(Cancellation&)> run;
};

Command RegisterRunCommand(CLI::App& app);  // run, and run --resume
Command RegisterVerifyCommand(CLI::App& app);
Command RegisterReplayCommand(CLI::App& app);
Command RegisterShrinkCommand(CLI::App& app);
Command RegisterReportCommand(CLI::App& app);
Command RegisterGcCommand(CLI::App& app);
Command RegisterDoctorCommand(CLI::App& app);
Command RegisterTrendCommand(CLI::App& app);
Command RegisterRecheckCommand(CLI::App& app);
Command RegisterImageCommand(CLI::App& app);  // image import

}  // namespace bootstorm
