// The network stage's decision and plan: whether NetworkManager must be told
// about the files the local stage wrote, and with which commands. Pure, so
// every activator can be checked without a guest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "boot_plan.h"
#include "command.h"
#include "local_state.h"

namespace bootstorm {

/// Activation is needed iff NM was already running when `local` rendered and
/// an NM file changed. Otherwise NM read the files at its start (the renderer
/// path) or nothing changed, and touching NM would only risk a DNS event.
bool ActivationNeeded(const LocalState& state);

/// Why ActivationNeeded decided as it did, for the agent log.
std::string ActivationReason(const LocalState& state);

/// The commands the network stage runs for one activator, in order:
/// - reference (cloud-init PR #5620 + #6073): log NM's state, reload or
///   restart NM (re-reads conf.d, so `dns=none` takes effect), reload
///   connection profiles, bring each rendered connection up by id; each step
///   but the first has retries, for an NM that was killed or restarted meanwhile;
/// - legacy-interfaces and legacy-final-restart: per connection
///   `nmcli connection load` + `up` by file, no reload (NM keeps managing DNS
///   and rewrites resolv.conf); legacy-final-restart's reload comes later,
///   from the final unit (see legacy_final_restart.h), not from this stage;
/// - none: nothing.
std::vector<CommandStep> ActivationCommands(Activator activator,
                                            const std::vector<ConnectionFile>& connections);

/// `nmcli connection up <key> <value>`, key "id" or "uuid"; also the final
/// stage's forced DNS event.
CommandStep ConnectionUp(std::string_view key, const std::string& value);

}  // namespace bootstorm
