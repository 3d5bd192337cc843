// NetworkManager's reloads and restarts this boot, as systemd logged the jobs
// in the journal, and the connections NetworkManager was asked to activate,
// as its audit lines say; each with who asked: the SUT's unit that was
// starting at the time (the network stage's activation, or a restart written
// into the final unit). Derived from the journal rather than from what the
// SUT says it ran, so a reload by anything else shows too, and so the
// observer needs nothing of the SUT.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "observation.h"

namespace bootstorm {

/// `journalctl` for systemd's job messages about NetworkManager.service this
/// boot, one JSON object per line.
std::vector<std::string> NmJobJournalQuery();

/// The reloads and restarts in the output of NmJobJournalQuery(), in order:
/// a "Reloading" message is a reload unless its job ends with a result other
/// than "done"; a "Stopping" message is a restart when
/// a "Starting" follows, else a stop; NM's first start is not an event.
/// `requested_by` is the bootstorm-* unit of `timeline` that was activating
/// (between its inactive-exit and its active-enter, or still activating) at
/// the event; "" when none was. Malformed lines are skipped; at most
/// kMaxNmReloads events.
std::vector<NmReload> ParseNmJobJournal(std::string_view text,
                                        const std::vector<TimelineEvent>& timeline);

/// `journalctl` for NetworkManager's audit lines of connection activations
/// this boot, one JSON object per line.
std::vector<std::string> NmActivationJournalQuery();

/// The successful activations in the output of NmActivationJournalQuery(),
/// in order: lines whose MESSAGE holds `op="connection-activate"` and
/// `result="success"`; `connection` is the line's `name=` (NetworkManager
/// quotes it, or hex-encodes a name that needs it: kept as written);
/// `requested_by` as ParseNmJobJournal's. Malformed lines are skipped; at
/// most kMaxNmActivations.
std::vector<NmActivation> ParseNmActivationJournal(std::string_view text,
                                                   const std::vector<TimelineEvent>& timeline);

}  // namespace bootstorm
