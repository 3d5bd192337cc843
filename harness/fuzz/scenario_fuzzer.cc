// Fuzzes ParseScenario, the loader of scenario files. Properties: bad input
// fails only with a ScenarioError that names the file (any other exception
// escapes and crashes), and an accepted scenario is within the bounds the
// planner and the VM runner rely on.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_expect.h"
#include "scenario.h"

namespace {

constexpr char kSource[] = "fuzz.json";

void CheckFault(const bootstorm::FaultSpec& f) {
  const bootstorm::FaultKind* kind = bootstorm::FindFaultKind(f.kind);
  bootstorm::FuzzExpect(kind != nullptr, "fault kind is in the catalog");
  bootstorm::FuzzExpect(f.probability >= 0 && f.probability <= 1, "probability in [0, 1]");
  bootstorm::FuzzExpect(kind->takes_unit || f.unit.empty(), "a unit only where the kind takes one");
  bootstorm::FuzzExpect(0 <= f.ms_min && f.ms_min <= f.ms_max && f.ms_max <= bootstorm::kMaxFaultMs,
                        "0 <= ms_min <= ms_max <= kMaxFaultMs");
  bootstorm::FuzzExpect(kind->takes_ms || f.ms_max == 0, "ms only where the kind takes it");
  bootstorm::FuzzExpect(kind->takes_percent ? f.percent >= 1 && f.percent <= 100 : f.percent == 0,
                        "percent in [1, 100] where the kind takes it, else 0");
}

void CheckScenario(const bootstorm::Scenario& s) {
  bootstorm::FuzzExpect(s.source == kSource, "the scenario keeps its source");
  bootstorm::FuzzExpect(s.vms >= 1 && s.vms <= bootstorm::kMaxVms, "vms in [1, kMaxVms]");
  bootstorm::FuzzExpect(s.boots >= 1 && s.boots <= bootstorm::kMaxBoots, "boots in [1, kMaxBoots]");
  bootstorm::FuzzExpect(!s.network.dns.nameservers.empty(), "at least one name server");
  for (const std::string& check : s.checks) {
    bootstorm::FuzzExpect(
        std::ranges::find(bootstorm::kAllChecks, check) != bootstorm::kAllChecks.end(),
        "every check is a known invariant");
  }
  bootstorm::FuzzExpect(s.boot_timeout_seconds > 0 && s.shutdown_timeout_seconds > 0,
                        "positive timeouts");
  bootstorm::FuzzExpect(s.memory_mib >= 128 && s.vcpus >= 1, "a VM that can boot");
  for (const bootstorm::FaultSpec& f : s.faults) CheckFault(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bootstorm::Scenario scenario;
  try {
    scenario = bootstorm::ParseScenario(bootstorm::FuzzInputText(data, size), kSource);
  } catch (const bootstorm::ScenarioError& e) {
    bootstorm::FuzzExpect(std::string(e.what()).starts_with(std::string(kSource) + ": "),
                          "a scenario error names the file");
    return 0;
  }
  CheckScenario(scenario);
  return 0;
}
