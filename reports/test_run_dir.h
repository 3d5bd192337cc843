// Test support: the recorded runs in reports/testdata as the record
// `bootstorm report` renders, read from their boots.jsonl and run.json, and
// a counter for assertions on rendered text.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "run_record.h"

namespace bootstorm {

/// reports/testdata/hostile-run: VM 0 passes boot 1 and fails boot 2
/// (resolv-conf-intact, nm-dns-none), VM 1's boot 1 is an infra error; its
/// guest output holds markup (<script>, <img onerror>).
std::filesystem::path HostileRunDir();

/// The run in `dir`: its boots grouped per VM, run id, scenario and start
/// from run.json. Throws std::invalid_argument on unreadable files.
RunRecord ReadTestRun(const std::filesystem::path& dir);

/// How often `what` occurs in `text` (overlapping ones included).
std::size_t CountOf(const std::string& text, const std::string& what);

}  // namespace bootstorm
