// Who a process is, from /proc, for the writer of a resolv.conf event.
#pragma once

#include <string>
#include <string_view>

#include "history.h"

namespace bootstorm {

/// The systemd unit of a /proc/PID/cgroup text: the last component of the
/// unified ("0::") line's path when it ends in .service or .scope, else "".
/// A process in a unit's sub-cgroup (e.g. .../foo.service/payload) is not
/// attributed.
std::string UnitOfCgroup(std::string_view cgroup_text);

/// pid, comm, exe and unit of process `pid` under `proc` (e.g. "/proc");
/// members it can no longer read (the process went) are "".
HistoryWriter WriterOf(int pid, const std::string& proc = "/proc");

}  // namespace bootstorm
