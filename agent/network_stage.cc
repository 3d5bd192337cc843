#include <fmt/format.h>

#include <thread>

#include "activation.h"
#include "files.h"
#include "guest_paths.h"
#include "nm_disruption.h"
#include "observation.h"
#include "probe.h"
#include "render_config.h"
#include "run_steps.h"
#include "subcommands.h"

namespace bootstorm {
namespace {

using namespace std::chrono_literals;

// A restart of NM under TCG on a loaded host was measured at several seconds;
// its unit's own start timeout is 90 s.
constexpr auto kNmAnswerTimeout = 120s;
constexpr auto kNmPollInterval = 500ms;

// Polls until NetworkManager answers on D-Bus (nmcli reports it running), for
// at most kNmAnswerTimeout; returns whether it did.
bool WaitUntilNmAnswers(const AgentLog& log) {
  const std::vector<std::string> argv = {"nmcli", "-t", "-f", "RUNNING", "general", "status"};
  auto deadline = std::chrono::steady_clock::now() + kNmAnswerTimeout;
  for (int polls = 1;; ++polls) {
    CommandResult r = RunCommand(argv, 10s);
    if (r.ok() && r.output.starts_with("running")) {
      log.Write(fmt::format("NetworkManager answers on D-Bus (after {} poll(s))", polls));
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      log.Write(fmt::format("NetworkManager did not answer within {} s", kNmAnswerTimeout.count()));
      return false;
    }
    std::this_thread::sleep_for(kNmPollInterval);
  }
}

// Activates what local rendered when that is needed; returns whether every
// step worked. `hooks` run around the steps (faults, waiting for NM).
bool Activate(Activator activator, const StepHooks& hooks, const AgentLog& log) {
  if (!AgentManagesNetwork(activator)) {
    log.Write(fmt::format("activation skipped: activator {}, the agent does not manage the network",
                          ActivatorName(activator)));
    return true;
  }
  std::optional<std::string> text = ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024);
  if (!text) {
    log.Write(fmt::format("no {}: local did not render; nothing to activate", kLocalStatePath));
    return true;
  }
  try {
    LocalState state = ParseLocalState(*text);
    log.Write(fmt::format("activation {}: {}", ActivationNeeded(state) ? "needed" : "skipped",
                          ActivationReason(state)));
    if (!ActivationNeeded(state)) return true;
    log.Write(fmt::format("activator {}", ActivatorName(activator)));
    return RunLoggedSteps(ActivationCommands(activator, state.connections), log, hooks);
  } catch (const std::invalid_argument& e) {
    log.Write(fmt::format("error: {}: {}", kLocalStatePath, e.what()));
    return false;
  }
}

// Under late-config, when local found no drive: systemd started this stage
// once the drive's device appeared (or its wait timed out); render now.
bool RenderLateConfig(const BootPlan& plan, const AgentLog& log) {
  if (!plan.HasFault(kFaultLateConfig) || !AgentManagesNetwork(plan.activator) ||
      ReadFileBounded(std::string(kLocalStatePath), 1024 * 1024))
    return true;
  log.Write("late-config: rendering the config drive that arrived after NetworkManager");
  // systemd has already waited for the device; udev may still be creating the link.
  return RenderConfigDrive(QueryNmActiveState(log), std::chrono::seconds(30), log);
}

}  // namespace

int RunNetworkStage(const KernelPlan& plan, const AgentLog& log) {
  bool rendered = RenderLateConfig(plan.plan, log);
  NmDisruption disruption(plan.plan, [&](std::string_view kind) { InjectNmDisruption(kind, log); });
  StepHooks hooks{[&](std::size_t index) { disruption.BeforeStep(index); },
                  [&](const CommandStep&) { WaitUntilNmAnswers(log); }};
  bool ok = Activate(plan.plan.activator, hooks, log) && rendered;
  disruption.Finish();
  Probe(plan.plan, plan.found, kCheckpointAfterNetwork, log);
  return ok ? 0 : 1;
}

}  // namespace bootstorm
