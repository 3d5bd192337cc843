// bootstorm-agent: the guest side of bootstorm. One binary for the systemd
// generator, the probe and the local/network/final stages (see subcommands.h),
// which join the activator (activator/), the fault injectors (faults/) and the
// probe (probe/).

#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>

#include "agent_log.h"
#include "boot_plan.h"
#include "files.h"
#include "guest_paths.h"
#include "observation.h"
#include "probe.h"
#include "strict_json.h"
#include "subcommands.h"
#include "unit_delays.h"

namespace bootstorm {
namespace {

// Helper for tests and manual boots: plan JSON on stdin -> cmdline parameter.
int EncodePlan() {
  std::string text(std::istreambuf_iterator<char>(std::cin), {});
  try {
    std::cout << EncodePlanForCmdline(BootPlanFromJson(ParseJsonText(text, "plan"))) << "\n";
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "bootstorm-agent encode-plan: " << e.what() << "\n";
    return 2;
  }
}

int Main(int argc, char** argv) {
  CLI::App app{"bootstorm guest agent"};
  app.require_subcommand(1);
  std::vector<std::string> generator_dirs;
  app.add_subcommand("generate", "systemd generator: write ordering drop-ins")
      ->add_option("dirs", generator_dirs, "normal [early [late]] output directories")
      ->required();
  std::string checkpoint;
  app.add_subcommand("probe", "send one observation to the host")
      ->add_option("checkpoint", checkpoint)
      ->required()
      ->check(CLI::IsMember({std::string(kCheckpointEarly), std::string(kCheckpointAfterNetwork),
                             std::string(kCheckpointFinal), std::string(kCheckpointAfterDnsEvent),
                             std::string(kCheckpointEnd)}));
  app.add_subcommand("local", "render network configuration before NetworkManager");
  app.add_subcommand("network", "activate the configuration when needed");
  app.add_subcommand("final", "final checkpoints and fault events; tells the host we are done");
  std::string delayed_unit;
  int delay_ms = 0;
  CLI::App* delay = app.add_subcommand("delay", "fault delay: wait before a unit starts");
  delay->add_option("unit", delayed_unit)->required();
  delay->add_option("ms", delay_ms)->required()->check(CLI::Range(0, kMaxFaultMs));
  app.add_subcommand("encode-plan", "print the kernel parameter for a plan JSON on stdin");
  CLI11_PARSE(app, argc, argv);

  std::string name = app.get_subcommands().front()->get_name();
  if (name == "encode-plan") return EncodePlan();

  try {
    MakeDirectories(std::string(kRunDir));
  } catch (const std::system_error& e) {
    std::cerr << "bootstorm-agent: " << e.what() << "\n";  // the log then goes to stderr only
  }
  AgentLog log(std::string(kAgentLogPath), name);
  KernelPlan plan = ReadKernelPlan(log);
  if (name == "generate") {
    // systemd passes normal, early and late; one folder (by hand) serves both.
    const std::string& early = generator_dirs.size() > 1 ? generator_dirs[1] : generator_dirs[0];
    return RunGenerate(plan, generator_dirs[0], early, log);
  }
  if (name == "probe") {
    Probe(plan.plan, plan.found, checkpoint, log);
    return 0;
  }
  if (name == "delay") return RunDelay(delayed_unit, delay_ms, log);
  if (name == "local") return RunLocalStage(plan, log);
  if (name == "network") return RunNetworkStage(plan, log);
  return RunFinalStage(plan, log);
}

}  // namespace
}  // namespace bootstorm

int main(int argc, char** argv) { return bootstorm::Main(argc, argv); }
